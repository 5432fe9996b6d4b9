import { describe, it, expect } from 'vitest';
import { STAGE_CONTENT_SCHEMAS } from '../../src/domain/content';
import { mayDecide, quorumReached, type Vote } from '../../src/domain/gate';
import { attainmentRate } from '../../src/domain/kpi';
import { wanToFen } from '../../src/domain/money';
import { GatePolicySchema, PersonSchema } from '../../src/domain/schemas';
import { gateReadiness } from '../../src/domain/readiness';
import {
  CONTENT_LOCALES,
  DEMO_PERSON_IDS,
  defaultGatePolicies,
  demoContent,
  demoGateContext,
  demoTeam,
  SCENARIO_IDS,
  ScenarioIdSchema,
  scenarioTemplate,
  splitByShares,
} from '../../src/domain/scenarios';
import { STAGE_IDS, type StageId } from '../../src/domain/stages';
import type { Period } from '../../src/domain/time';

const Q3_2024: Period = { start: '2024-07-01', end: '2024-09-30' };
const YEAR_2025: Period = { start: '2025-01-01', end: '2025-12-31' };
const TEN_DAYS: Period = { start: '2024-06-01', end: '2024-06-10' };

const everyScenarioAndLocale = SCENARIO_IDS.flatMap((scenario) =>
  CONTENT_LOCALES.map((locale) => ({ scenario, locale })),
);

describe('scenario ids', () => {
  it('lists the five scenarios of the source', () => {
    expect(SCENARIO_IDS).toEqual([
      'newProductLaunch',
      'deepenMarket',
      'regionalExpansion',
      'periodicAdjustment',
      'keyAccount',
    ]);
  });

  it('parses known scenario ids and rejects others', () => {
    expect(ScenarioIdSchema.safeParse('keyAccount').success).toBe(true);
    expect(ScenarioIdSchema.safeParse('coldCalling').success).toBe(false);
  });
});

describe('demoTeam', () => {
  it('has the eight fixed people with one role each', () => {
    const roles = Object.fromEntries(demoTeam('en').map((p) => [p.id, p.roles]));

    expect(roles).toEqual({
      'p-lead': ['lead'],
      'p-sales': ['salesDirector'],
      'p-mkt': ['marketingHead'],
      'p-fin': ['finance'],
      'p-gm': ['generalManager'],
      'p-am1': ['accountManager'],
      'p-am2': ['accountManager'],
      'p-product': ['product'],
    });
  });

  it('names people in Chinese for zh-CN', () => {
    expect(demoTeam('zh-CN').map((p) => p.name)).toEqual([
      '林峰',
      '王敏',
      '陈静',
      '赵磊',
      '周强',
      '刘洋',
      '孙悦',
      '吴迪',
    ]);
  });

  it('names people in pinyin for English', () => {
    expect(demoTeam('en')[0]?.name).toBe('Lin Feng');
    expect(demoTeam('en')[4]?.name).toBe('Zhou Qiang');
  });

  it('holds valid people whose ids are DEMO_PERSON_IDS', () => {
    const team = demoTeam('zh-CN');

    for (const person of team) expect(PersonSchema.safeParse(person).success).toBe(true);
    expect(team.map((p) => p.id)).toEqual([...DEMO_PERSON_IDS]);
  });
});

describe('demoContent', () => {
  it.each(everyScenarioAndLocale)(
    'passes every gate for $scenario in $locale',
    ({ scenario, locale }) => {
      const content = demoContent(scenario, locale, Q3_2024);
      const context = demoGateContext(scenario, locale, Q3_2024);

      const problems = STAGE_IDS.flatMap((stage) => gateReadiness(stage, content[stage], context));

      expect(problems).toEqual([]);
    },
  );

  it.each([YEAR_2025, TEN_DAYS])('passes every gate in the period $start – $end', (period) => {
    for (const { scenario, locale } of everyScenarioAndLocale) {
      const content = demoContent(scenario, locale, period);
      const context = demoGateContext(scenario, locale, period);

      for (const stage of STAGE_IDS)
        expect(gateReadiness(stage, content[stage], context)).toEqual([]);
    }
  });

  it('sets goal deadlines on the last day of the period', () => {
    const { goals } = demoContent('newProductLaunch', 'en', Q3_2024).goals;

    expect(new Set(goals.map((g) => g.deadline))).toEqual(new Set(['2024-09-30']));
  });

  it('finishes the materials 40 days into the period', () => {
    const { tasks } = demoContent('newProductLaunch', 'zh-CN', Q3_2024).execution;

    expect(tasks.find((t) => t.id === 't-materials')?.end).toBe('2024-08-10');
  });

  it('keeps task dates inside a period shorter than the plan', () => {
    const { tasks } = demoContent('regionalExpansion', 'en', TEN_DAYS).execution;

    for (const t of tasks) expect(t.end! <= TEN_DAYS.end).toBe(true);
  });

  it('uses the example goals: sales +30%, 500 new customers, product A +25%, online 40%', () => {
    const goals = demoContent('newProductLaunch', 'zh-CN', Q3_2024).goals.goals;
    const byId = Object.fromEntries(goals.map((g) => [g.id, g]));

    expect(byId['g-sales']?.target).toBe(wanToFen(1300));
    expect(byId['g-sales']?.baseline).toBe(wanToFen(1000));
    expect(byId['g-new-customers']?.target).toBe(500);
    expect(byId['g-east-a']).toMatchObject({ target: 25, unit: '%', parentId: 'g-east' });
    expect(byId['g-online-share']).toMatchObject({ target: 40, unit: '%' });
    expect(byId['g-contracts']?.target).toBe(wanToFen(150));
  });

  it('writes user text in the chosen language', () => {
    const zh = demoContent('deepenMarket', 'zh-CN', Q3_2024);
    const en = demoContent('deepenMarket', 'en', Q3_2024);

    expect(zh.goals.goals[1]?.title).toBe('新增客户 500 家');
    expect(en.goals.goals[1]?.title).toBe('500 new customers');
    expect(zh.resources.tools[0]?.usageRule).toContain('17:00');
    expect(en.execution.meetings[0]?.title).toBe('Friday strategy sync');
  });

  it('varies the research and product strategy by scenario', () => {
    const titles = SCENARIO_IDS.map(
      (s) => demoContent(s, 'en', Q3_2024).strategy.product[0]?.title,
    );

    expect(new Set(titles).size).toBe(SCENARIO_IDS.length);
  });

  it('splits the budget 40% promotion, 30% channel, 10% training, 20% other', () => {
    const { budget } = demoContent('newProductLaunch', 'en', Q3_2024).resources;

    expect(budget.lines.map((l) => l.shareBp)).toEqual([4000, 3000, 1000, 2000]);
    expect(budget.lines.map((l) => l.amountFen)).toEqual([
      wanToFen(80),
      wanToFen(60),
      wanToFen(20),
      wanToFen(40),
    ]);
  });

  it('plans 3 live streams with a ¥200k budget and a 15% conversion target', () => {
    const live = demoContent('keyAccount', 'zh-CN', Q3_2024).strategy.promotion[0];

    expect(live).toMatchObject({ budgetFen: wanToFen(20), conversionTargetPct: 15 });
  });

  it('gives the East China key-account owner a ¥800k signing target', () => {
    const owner = demoContent('newProductLaunch', 'en', Q3_2024).resources.owners[0];

    expect(owner).toMatchObject({ personId: 'p-am1', targetFen: wanToFen(80) });
  });

  it('reports the contracts goal at 120%: ¥1.8M against ¥1.5M', () => {
    const content = demoContent('newProductLaunch', 'en', Q3_2024);
    const goal = content.goals.goals.find((g) => g.id === 'g-contracts')!;
    const result = content.evaluation.results.find((r) => r.goalId === 'g-contracts')!;

    expect(attainmentRate(result.actual!, goal.target!, goal.direction)).toBeCloseTo(1.2, 12);
  });
});

describe('scenarioTemplate', () => {
  it.each(everyScenarioAndLocale)(
    'has drafts that validate against the stage schemas for $scenario in $locale',
    ({ scenario, locale }) => {
      const { drafts } = scenarioTemplate(scenario, locale, Q3_2024);

      for (const [stage, draft] of Object.entries(drafts)) {
        expect(STAGE_CONTENT_SCHEMAS[stage as StageId].safeParse(draft).success).toBe(true);
      }
    },
  );

  it('prefills every stage but evaluation', () => {
    const { drafts } = scenarioTemplate('regionalExpansion', 'zh-CN', Q3_2024);

    expect(Object.keys(drafts)).toEqual(STAGE_IDS.filter((s) => s !== 'evaluation'));
  });

  it('has drafts that are the demo content of the same stages', () => {
    const { drafts } = scenarioTemplate('periodicAdjustment', 'en', Q3_2024);
    const demo = demoContent('periodicAdjustment', 'en', Q3_2024);

    expect(drafts.goals).toEqual(demo.goals);
    expect(drafts.execution).toEqual(demo.execution);
  });

  it('carries the scenario’s default gate policies', () => {
    expect(scenarioTemplate('keyAccount', 'en', Q3_2024).policies).toEqual(
      defaultGatePolicies('keyAccount'),
    );
  });
});

describe('defaultGatePolicies', () => {
  const everyGate = SCENARIO_IDS.flatMap((scenario) =>
    STAGE_IDS.map((stage) => ({ scenario, stage, policy: defaultGatePolicies(scenario)[stage] })),
  );
  const team = demoTeam('en');

  it.each(everyGate)('has a valid policy at the $stage gate of $scenario', ({ policy }) => {
    expect(GatePolicySchema.safeParse(policy).success).toBe(true);
  });

  it.each(everyGate)('never lets the lead decide at the $stage gate of $scenario', ({ policy }) => {
    expect(policy.roles).not.toContain('lead');
    expect(policy.vetoRole).not.toBe('lead');
    expect(mayDecide(policy, ['lead'])).toBe(false);
  });

  it.each(everyGate)(
    'can be passed by the demo team at the $stage gate of $scenario',
    ({ policy }) => {
      const votes: Vote[] = team
        .filter((person) => person.id !== 'p-lead' && mayDecide(policy, person.roles))
        .map((person) => ({ by: person.id, roles: person.roles, decision: 'go' }));

      expect(quorumReached(policy, votes)).toBe(true);
    },
  );

  it('lets marketing head or sales director approve research', () => {
    const { research } = defaultGatePolicies('deepenMarket');

    expect(research).toEqual({
      roles: ['marketingHead', 'salesDirector'],
      quorum: { kind: 'any' },
      vetoRole: null,
    });
  });

  it('needs two of sales director, marketing head and general manager for goals', () => {
    const { goals } = defaultGatePolicies('regionalExpansion');
    const salesDirector: Vote = { by: 'p-sales', roles: ['salesDirector'], decision: 'go' };
    const marketingHead: Vote = { by: 'p-mkt', roles: ['marketingHead'], decision: 'go' };

    expect(quorumReached(goals, [salesDirector])).toBe(false);
    expect(quorumReached(goals, [salesDirector, marketingHead])).toBe(true);
  });

  it('needs both sales director and marketing head for strategy', () => {
    const { strategy } = defaultGatePolicies('newProductLaunch');

    expect(strategy).toMatchObject({
      roles: ['salesDirector', 'marketingHead'],
      quorum: { kind: 'all' },
    });
  });

  it('cannot pass resources without finance, which holds the veto', () => {
    const { resources } = defaultGatePolicies('newProductLaunch');
    const votes: Vote[] = [
      { by: 'p-sales', roles: ['salesDirector'], decision: 'go' },
      { by: 'p-gm', roles: ['generalManager'], decision: 'go' },
    ];

    expect(resources).toMatchObject({ quorum: { kind: 'nOfM', n: 2 }, vetoRole: 'finance' });
    expect(quorumReached(resources, votes)).toBe(false);
    expect(
      quorumReached(resources, [...votes, { by: 'p-fin', roles: ['finance'], decision: 'go' }]),
    ).toBe(true);
  });

  it('lets sales director or marketing head approve execution and monitoring', () => {
    const policies = defaultGatePolicies('periodicAdjustment');

    for (const stage of ['execution', 'monitoring'] as const) {
      expect(policies[stage]).toMatchObject({
        roles: ['salesDirector', 'marketingHead'],
        quorum: { kind: 'any' },
      });
    }
  });

  it.each(['newProductLaunch', 'regionalExpansion', 'keyAccount'] as const)(
    'needs both general manager and sales director to close the evaluation of $0',
    (scenario) => {
      expect(defaultGatePolicies(scenario).evaluation).toMatchObject({
        roles: ['generalManager', 'salesDirector'],
        quorum: { kind: 'all' },
      });
    },
  );

  it.each(['deepenMarket', 'periodicAdjustment'] as const)(
    'lets either general manager or sales director close the evaluation of $0',
    (scenario) => {
      expect(defaultGatePolicies(scenario).evaluation).toMatchObject({
        roles: ['generalManager', 'salesDirector'],
        quorum: { kind: 'any' },
      });
    },
  );
});

describe('splitByShares', () => {
  it('splits ¥2M into 40/30/10/20 exactly', () => {
    expect(splitByShares(wanToFen(200), [4000, 3000, 1000, 2000])).toEqual([
      wanToFen(80),
      wanToFen(60),
      wanToFen(20),
      wanToFen(40),
    ]);
  });

  it('hands the rounding fen to the first lines so the total is kept', () => {
    const amounts = splitByShares(10_001, [3333, 3333, 3334]);

    expect(amounts).toEqual([3334, 3333, 3334]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(10_001);
  });
});
