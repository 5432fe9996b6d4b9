import type { Problem } from '../../domain/gate';

/** A path into stage content, as gate problems and `fieldId` use it. */
export type Path = readonly (string | number)[];

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/** Problems pointing exactly at `path`. */
export function problemsAt(problems: readonly Problem[], path: Path): Problem[] {
  return problems.filter((p) => p.path.length === path.length && startsWith(p.path, path));
}

/**
 * Problems for a multi-value field (goal links, dependencies): at its path, or at one of its
 * entries (`['tasks', 2, 'dependsOn', 1]` is shown at the task's dependency picker).
 */
export function problemsAtOrEntry(problems: readonly Problem[], path: Path): Problem[] {
  return problems.filter(
    (p) =>
      startsWith(p.path, path) &&
      (p.path.length === path.length ||
        (p.path.length === path.length + 1 && typeof p.path[path.length] === 'number')),
  );
}

/**
 * Problems a container (an item card, a section, the form itself) shows: those at its own path,
 * plus any below it that no rendered field takes, i.e. whose next segment is not in `handled`.
 * A duplicate id (`['tools', 1, 'id']`) has no input, so it is shown on the tool's card.
 */
export function problemsInside(
  problems: readonly Problem[],
  path: Path,
  handled: readonly (string | number)[],
): Problem[] {
  return problems.filter(
    (p) =>
      startsWith(p.path, path) &&
      (p.path.length === path.length || !handled.includes(p.path[path.length] as string | number)),
  );
}
