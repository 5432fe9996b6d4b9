import { describe, expect, it } from 'vitest';
import { draftShapeIssue, emptyContent } from '../../src/domain/content';
import { SCENARIO_IDS } from '../../src/domain/scenario-ids';
import { demoContent } from '../../src/domain/scenarios';
import { STAGE_IDS } from '../../src/domain/stages';
import { quarterPeriod } from '../../src/domain/time';

describe('the shape of a draft', () => {
  it('is sound for every stage left empty and for every scenario’s example content', () => {
    for (const stage of STAGE_IDS) expect(draftShapeIssue(stage, emptyContent(stage))).toBeNull();
    for (const scenario of SCENARIO_IDS) {
      const content = demoContent(scenario, 'zh-CN', quarterPeriod(2026, 1));
      for (const stage of STAGE_IDS) expect(draftShapeIssue(stage, content[stage])).toBeNull();
    }
  });

  it('is sound while values are missing or out of range: the gate lists those', () => {
    const research = emptyContent('research');
    const unfinished = {
      ...research,
      // A segment not named yet, and a budget figure cleared.
      marketNeeds: [
        {
          id: 'n-1',
          segment: '',
          painPoints: 'x'.repeat(5000),
          preferences: '',
          unmetNeeds: '',
          sources: [],
        },
      ],
      ownResources: { ...research.ownResources, budgetFen: null },
    };
    expect(draftShapeIssue('research', unfinished)).toBeNull();
  });

  it('names where a list, an object or a text is something else, which no editor could show', () => {
    const research = emptyContent('research');
    expect(draftShapeIssue('research', { ...research, marketNeeds: 'oops' })).toEqual({
      path: ['marketNeeds'],
      expected: 'array',
    });
    expect(draftShapeIssue('research', { ...research, ownResources: null })).toEqual({
      path: ['ownResources'],
      expected: 'object',
    });
    expect(
      draftShapeIssue('research', {
        ...research,
        ownResources: { ...research.ownResources, channels: 5 },
      }),
    ).toEqual({ path: ['ownResources', 'channels'], expected: 'string' });
    expect(draftShapeIssue('goals', 'goals')).toEqual({ path: [], expected: 'object' });
  });
});
