import { describe, expect, it } from 'vitest';
import type { Goal } from '../../../src/domain/content';
import { problem } from '../../../src/domain/gate';
import { demoContent } from '../../../src/domain/scenarios';
import { quarterPeriod } from '../../../src/domain/time';
import { inResultsOrder } from '../../../src/stages/forms/goal-tree';

const base = demoContent('deepenMarket', 'en', quarterPeriod(2026, 3)).goals.goals[0]!;
const goal = (id: string, parentId: string | null): Goal => ({ ...base, id, parentId });

describe('an evaluation’s gate problems', () => {
  it('come in the order the form lists the goals, parents before their sub-goals', () => {
    // The form reads: North, its East China sub-goal, then South. Results were kept otherwise.
    const goals = [goal('g-north', null), goal('g-south', null), goal('g-east', 'g-north')];
    const results = [{ goalId: 'g-south' }, { goalId: 'g-east' }, { goalId: 'g-north' }];
    const found = [
      problem('results.noActual', ['results', 0, 'actual'], { goalId: 'g-south' }),
      problem('lessons.none', ['lessons']),
      problem('results.noActual', ['results', 1, 'actual'], { goalId: 'g-east' }),
      problem('results.noActual', ['results', 2, 'actual'], { goalId: 'g-north' }),
    ];

    expect(inResultsOrder(found, results, goals).map((p) => p.params.goalId ?? p.code)).toEqual([
      'g-north',
      'g-east',
      'g-south',
      'lessons.none',
    ]);
  });
});
