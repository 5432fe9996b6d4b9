import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../machines/events';
import { approvedContent } from '../../machines/run-context';
import { measuredActuals } from '../../src/domain/results';
import {
  Driver,
  PERIOD,
  closeExecutionEvent,
  closingAt,
  decideEvent,
  person,
} from '../support/driver';

/** A run whose execution was closed the morning after its period: its evaluation is drafted. */
function evaluationDrafted(): Driver {
  const d = new Driver().toLive();
  return d.send(closeExecutionEvent(d.context.leadId));
}

/** A figure for the first KPI, at `share` of its target, reported the morning after the period. */
function finalFigure(d: Driver, date: string, share: number): RunEvent {
  const kpi = approvedContent(d.context, 'monitoring')!.kpis[0]!;
  return {
    type: 'kpi.checkIn',
    by: 'p-am1',
    roles: person('p-am1').roles,
    at: closingAt(),
    kpiId: kpi.id,
    date,
    value: Math.round((kpi.target ?? 0) * share),
    source: kpi.source,
    reason: share < 0.95 ? 'Storms cut visits' : '',
  };
}

describe('figures reported once execution is closed', () => {
  it('are taken while the evaluation is drafted, and the goal’s result is the final one', () => {
    const d = evaluationDrafted();
    expect(d.snapshot.matches({ evaluation: 'drafting' })).toBe(true);

    d.send(finalFigure(d, PERIOD.end, 1.1));

    const monitoring = approvedContent(d.context, 'monitoring')!;
    const goals = approvedContent(d.context, 'goals')!.goals;
    const kpi = monitoring.kpis[0]!;
    const measured = measuredActuals(goals, monitoring.kpis, d.context.checkIns);
    const result = [...measured.values()].find((m) => m.kpiId === kpi.id);
    expect(result).toMatchObject({ date: PERIOD.end, value: Math.round((kpi.target ?? 0) * 1.1) });
  });

  it('raise no risk alert when red: the plan no longer runs', () => {
    const d = evaluationDrafted();
    const risks = d.context.risks.length;

    d.send(finalFigure(d, PERIOD.end, 0.5));

    expect(d.context.checkIns.at(-1)?.health).toBe('red');
    expect(d.context.risks).toHaveLength(risks);
  });

  it('are refused once the evaluation is in review, and after the period', () => {
    const inReview = evaluationDrafted().submit('evaluation');
    expect(inReview.trySend(finalFigure(inReview, PERIOD.end, 1))).toBe(false);

    const drafted = evaluationDrafted();
    const after = finalFigure(drafted, '2024-10-01', 1);
    expect(drafted.trySend(after)).toBe(false);
  });

  it('are taken again when the evaluation is sent back to itself', () => {
    const d = evaluationDrafted().submit('evaluation');
    d.send(
      decideEvent('evaluation', 'recycle', 'p-gm', {
        recycleTo: 'evaluation',
        comment: 'The September figure is missing',
      }),
    );
    expect(d.trySend(finalFigure(d, PERIOD.end, 1))).toBe(true);
  });
});
