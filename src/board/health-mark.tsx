import './health-mark.css';

export type HealthKind = 'green' | 'amber' | 'red' | 'none';

/**
 * A health told by shape as well as colour (WCAG 1.4.1): on track a disc, at risk a triangle,
 * off track a diamond, no check-ins yet a dash. Decorative: the words are in the names and titles.
 */
export function HealthMark({ kind }: { kind: HealthKind }) {
  return (
    <svg className={`pf-mark pf-mark-${kind}`} viewBox="0 0 12 12" aria-hidden="true">
      {kind === 'green' && <circle cx="6" cy="6" r="4.25" />}
      {kind === 'amber' && <path d="M6 1.5 10.6 10H1.4Z" />}
      {kind === 'red' && <path d="M6 1 11 6 6 11 1 6Z" />}
      {kind === 'none' && <rect x="1.25" y="4.25" width="9.5" height="3.5" rx="1.75" />}
    </svg>
  );
}
