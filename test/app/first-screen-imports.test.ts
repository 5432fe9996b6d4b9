import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The packages a module pulls in when it is evaluated: its static imports, followed through the
 * repository's own files. Type-only imports and dynamic `import()` load nothing at that point.
 */
function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const statements = source.matchAll(
      /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
    );
    for (const [, typeOnly, specifier] of statements) {
      if (typeOnly || !specifier || specifier.endsWith('.css')) continue;
      if (!specifier.startsWith('.')) {
        packages.add(
          specifier.startsWith('@')
            ? specifier.split('/').slice(0, 2).join('/')
            : specifier.split('/')[0]!,
        );
        continue;
      }
      const base = resolve(dirname(file), specifier);
      const found = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find(existsSync);
      if (!found) throw new Error(`${file}: cannot resolve ${specifier}`);
      visit(found);
    }
  };
  visit(resolve(entry));
  return packages;
}

describe('the code the first screen loads', () => {
  it('is found by following static imports (the walk sees React, Dexie and the router)', () => {
    const packages = packagesLoadedBy('src/app/main.tsx');
    expect(packages).toContain('react');
    expect(packages).toContain('dexie');
    expect(packages).toContain('react-router');
  });

  it('leaves zod out of the runs list and the portfolio: they read stored rows, not input', () => {
    expect(packagesLoadedBy('src/app/main.tsx')).not.toContain('zod');
    expect(packagesLoadedBy('src/app/portfolio-page.tsx')).not.toContain('zod');
  });

  it('still loads zod where input crosses a boundary (the engine)', () => {
    expect(packagesLoadedBy('src/engine/engine.ts')).toContain('zod');
  });
});
