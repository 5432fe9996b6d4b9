import { makeI18n } from '../../src/i18n/react';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RISK_SEVERITIES, RISK_STATUSES, RunEventSchema } from '../../machines/events';
import {
  ATTRIBUTION_KINDS,
  CADENCES,
  DATA_SOURCES,
  DEPARTMENTS,
  DIRECTIONS,
  GOAL_DIMENSIONS,
  KPI_MEASURES,
  PRICE_MODELS,
  SOURCE_KINDS,
  STRATEGY_PS,
  TASK_STATUSES,
  TOOL_KINDS,
  type Goal,
  type StageContentMap,
  type Task,
} from '../../src/domain/content';
import { DECISIONS, type Problem } from '../../src/domain/gate';
import { ROLES } from '../../src/domain/people';
import { gateReadiness, PROBLEM_CODES, type GateContext } from '../../src/domain/readiness';
import { DEMO_PERSON_IDS, demoContent, SCENARIO_IDS } from '../../src/domain/scenarios';
import { STAGE_IDS } from '../../src/domain/stages';
import { quarterPeriod } from '../../src/domain/time';
import { RUN_STATUSES } from '../../src/storage/records';
import { en } from '../../src/i18n/en';
import {
  detectLocale,
  flattenCatalog,
  formatDate,
  formatDateTime,
  formatMoney,
  formatList,
  formatMoneyPlain,
  formatMoneyCompact,
  formatNumber,
  formatPercent,
  hasMessage,
  labelOf,
  LOCALES,
  messageKeys,
  placeholdersOf,
  translate,
  translateProblem,
  translateRefusal,
  type Locale,
} from '../../src/i18n';
import { zhCN } from '../../src/i18n/zh-CN';

const CATALOGS: Record<Locale, Map<string, string>> = {
  en: flattenCatalog(en),
  'zh-CN': flattenCatalog(zhCN),
};
const EN = CATALOGS.en;
const ZH = CATALOGS['zh-CN'];

/** Refusal codes: every `refuse('code', …)` in the run rules, plus the engine's own three. */
function refusalCodes(): string[] {
  const rules = readFileSync(new URL('../../machines/run-rules.ts', import.meta.url), 'utf8');
  const fromRules = Array.from(rules.matchAll(/\brefuse\(\s*'([^']+)'/g), (match) => match[1]);
  return [...new Set([...fromRules, 'invalidEvent', 'notNow', 'unknownPerson'])].filter(
    (code): code is string => code !== undefined,
  );
}

describe('the catalogs', () => {
  it('have exactly the same keys in zh-CN as in English', () => {
    expect([...ZH.keys()].sort()).toEqual([...EN.keys()].sort());
  });

  it('expose the English keys as messageKeys()', () => {
    expect([...messageKeys()].sort()).toEqual([...EN.keys()].sort());
  });

  it.each(LOCALES)('have no empty or blank messages in %s', (locale) => {
    const blank = [...CATALOGS[locale]].filter(([, message]) => message.trim() === '');
    expect(blank).toEqual([]);
  });

  it('use the same placeholders in every zh-CN message as in its English one', () => {
    const mismatched = [...EN].flatMap(([key, message]) => {
      const english = placeholdersOf(message).sort();
      const chinese = placeholdersOf(ZH.get(key) ?? '').sort();
      return english.join() === chinese.join() ? [] : [{ key, english, chinese }];
    });
    expect(mismatched).toEqual([]);
  });

  it('name the seven stages in English exactly as the product does', () => {
    expect(STAGE_IDS.map((stage) => translate('en', `stage.${stage}.name`))).toEqual([
      'Research',
      'Goal setting',
      'Strategy',
      'Resource allocation',
      'Execution',
      'Monitoring',
      'Evaluation',
    ]);
  });

  it('name the seven stages in zh-CN with the terms of the source template', () => {
    expect(STAGE_IDS.map((stage) => translate('zh-CN', `stage.${stage}.name`))).toEqual([
      '前期调研',
      '目标设定',
      '策略制定',
      '资源分配',
      '执行落地',
      '过程监控',
      '效果评估',
    ]);
  });

  it('name the gate decisions in zh-CN as DOMAIN.md does', () => {
    expect(DECISIONS.map((decision) => translate('zh-CN', `decision.${decision}`))).toEqual([
      '通过',
      '有条件通过',
      '退回修改',
      '暂缓',
      '终止',
    ]);
  });
});

describe('text people typed, inside a sentence', () => {
  it('is isolated when it would turn the sentence around it, and left alone otherwise', () => {
    // A right-to-left override typed into a title reversed "created" itself.
    const title = 'Q3 \u202eplan';
    expect(translate('en', 'ui.newRun.created', { title })).toBe(
      'Run “\u2068Q3 plan\u2069” created',
    );
    // A typed isolate end (PDI) would close the app's isolate and let an override out.
    expect(translate('en', 'ui.newRun.created', { title: 'a\u2069\u202eb' })).toBe(
      'Run “\u2068ab\u2069” created',
    );
    expect(translate('en', 'ui.newRun.created', { title: 'שיווק Q3' })).toBe(
      'Run “\u2068שיווק Q3\u2069” created',
    );
    expect(translate('zh-CN', 'ui.newRun.created', { title: '新品 A 上市' })).not.toMatch(
      /[\u2068\u2069]/,
    );
  });
});

describe('Latin words inside Chinese sentences', () => {
  it('are set apart by a space from the characters around them, as names in a list are', () => {
    const names = formatList('zh-CN', ['Zhou Qiang', 'Wang Min']);
    expect(names).toBe('Zhou Qiang 和 Wang Min');
    expect(translate('zh-CN', 'ui.stage.approvedBy', { names, at: '2026年8月14日 09:22' })).toBe(
      '已由 Zhou Qiang 和 Wang Min 于 2026年8月14日 09:22 批准。',
    );
  });

  it('leave Chinese names, and English sentences, as they were', () => {
    const names = formatList('zh-CN', ['周强', '王敏']);
    expect(translate('zh-CN', 'ui.stage.approvedBy', { names, at: '2026年8月14日 09:22' })).toBe(
      '已由周强和王敏于 2026年8月14日 09:22 批准。',
    );
    expect(formatList('en', ['Zhou Qiang', 'Wang Min'])).toBe('Zhou Qiang and Wang Min');
  });
});

describe('completeness against the domain', () => {
  const required: [string, readonly string[]][] = [
    ['problem', PROBLEM_CODES],
    ['refusal', refusalCodes()],
    ['stage', STAGE_IDS.flatMap((id) => [`${id}.name`, `${id}.short`])],
    ['scenario', SCENARIO_IDS.flatMap((id) => [`${id}.name`, `${id}.description`])],
    ['decision', DECISIONS],
    ['role', ROLES],
    ['runStatus', RUN_STATUSES],
    ['sourceKind', SOURCE_KINDS],
    ['goalDimension', GOAL_DIMENSIONS],
    ['direction', DIRECTIONS],
    ['priceModel', PRICE_MODELS],
    ['toolKind', TOOL_KINDS],
    ['department', DEPARTMENTS],
    ['taskStatus', TASK_STATUSES],
    ['cadence', CADENCES],
    ['kpiMeasure', KPI_MEASURES],
    ['dataSource', DATA_SOURCES],
    ['attributionKind', ATTRIBUTION_KINDS],
    ['health', ['green', 'amber', 'red']],
    ['riskSeverity', RISK_SEVERITIES],
    ['riskStatus', RISK_STATUSES],
    ['strategyP', STRATEGY_PS],
    [
      'stageStatus',
      [
        'notStarted',
        'drafting',
        'inReview',
        'approved',
        'recycled',
        'onHold',
        'done',
        'operating',
        'cancelled',
        'approvals',
      ],
    ],
    ['event', ['run.created', ...RunEventSchema.options.map((option) => option.shape.type.value)]],
  ];

  it('finds the refusal codes in the run rules source', () => {
    expect(refusalCodes()).toEqual(expect.arrayContaining(['selfDecision', 'roleNotPermitted']));
    expect(refusalCodes().length).toBeGreaterThan(10);
  });

  it.each(required)('has a message in both languages for every %s key', (group, values) => {
    const missing = values
      .map((value) => `${group}.${value}`)
      .flatMap((key) =>
        LOCALES.filter((locale) => !CATALOGS[locale].has(key)).map((l) => `${l}: ${key}`),
      );
    expect(missing).toEqual([]);
  });
});

// Problems the real gate check produces from broken demo content: every placeholder in a problem
// message must be filled by the params the engine actually sends.

const PERIOD = quarterPeriod(2024, 3);
const demo = demoContent('newProductLaunch', 'en', PERIOD);

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`the demo content has no item ${index}`);
  return structuredClone(item);
}

function brokenContent(): { context: GateContext; content: StageContentMap } {
  const extraGoal: Goal = { ...at(demo.goals.goals, 0), id: 'g-extra', title: 'Satisfaction 90%' };
  const context: GateContext = {
    period: PERIOD,
    goals: [...demo.goals.goals, extraGoal],
    strategy: demo.strategy,
    personIds: [...DEMO_PERSON_IDS],
    // The sales KPI measured something other than the sales result says.
    measured: new Map([
      [
        'g-sales',
        { goalId: 'g-sales', kpiId: 'k-sales', kpiName: 'Sales', value: 1, date: '2024-09-30' },
      ],
    ]),
    // A Conditional Go's condition still open when the evaluation is checked.
    openFollowUps: [{ id: 'fu-1', text: 'Add two expert interviews', stage: 'research' }],
  };
  const goals = demo.goals.goals.map((goal): Goal => {
    switch (goal.id) {
      case 'g-sales':
        return { ...goal, deadline: '2025-01-01' };
      case 'g-north':
        return { ...goal, target: 500_000_000 };
      case 'g-new-customers':
        return { ...goal, metric: '', deadline: null };
      case 'g-east-a':
        return { ...goal, parentId: 'g-missing', dimension: null, dimensionValue: '', target: 0 };
      case 'g-online-share':
        return { ...goal, parentId: 'g-online-share' };
      case 'g-contracts':
        return { ...goal, target: 150_000_000.5, baseline: null, rationale: '' };
      default:
        return goal;
    }
  });
  const task = (id: string, overrides: Partial<Task> = {}): Task => ({
    id,
    name: `Task ${id}`,
    ownerId: 'p-lead',
    department: 'sales',
    start: '2024-07-01',
    end: '2024-07-10',
    dependsOn: [],
    status: 'todo',
    ...overrides,
  });
  const lines = demo.resources.budget.lines;
  const content: StageContentMap = {
    research: {
      ...demo.research,
      marketNeeds: [
        {
          ...at(demo.research.marketNeeds, 0),
          sources: [],
          painPoints: '',
          preferences: '',
          unmetNeeds: '',
        },
        at(demo.research.marketNeeds, 0),
      ],
      ownResources: { ...demo.research.ownResources, productStrengths: '' },
    },
    goals: { goals: [...goals, at(goals, 0)] },
    strategy: {
      product: [{ ...at(demo.strategy.product, 0), goalIds: [] }],
      price: [],
      channel: [{ ...at(demo.strategy.channel, 0), goalIds: ['g-missing'] }],
      promotion: [at(demo.strategy.promotion, 0), at(demo.strategy.promotion, 0)],
    },
    resources: {
      owners: [
        { ...at(demo.resources.owners, 0), personId: 'p-ghost' },
        { ...at(demo.resources.owners, 1), goalIds: ['g-missing'] },
        at(demo.resources.owners, 1),
      ],
      budget: {
        totalFen: demo.resources.budget.totalFen,
        lines: [
          { ...at(lines, 0), shareBp: 3500 },
          { ...at(lines, 1), amountFen: 50_000_000 },
          ...lines.slice(2),
          at(lines, 2),
        ],
      },
      tools: [{ ...at(demo.resources.tools, 0), usageRule: '' }, at(demo.resources.tools, 0)],
    },
    execution: {
      tasks: [
        task('t1', { ownerId: null }),
        task('t1'),
        task('t2', { ownerId: 'p-ghost' }),
        task('t3', { start: null, end: null }),
        task('t4', { start: '2024-06-01', end: '2024-10-01' }),
        task('t5', { start: '2024-08-10', end: '2024-08-01' }),
        task('t6', { dependsOn: ['t6'] }),
        task('t7', { dependsOn: ['t-missing'] }),
        task('t8', { start: '2024-07-05', dependsOn: ['t2'] }),
        task('t9', { dependsOn: ['t10'] }),
        task('t10', { dependsOn: ['t9'] }),
      ],
      meetings: [at(demo.execution.meetings, 0), at(demo.execution.meetings, 0)],
    },
    monitoring: {
      kpis: [
        { ...at(demo.monitoring.kpis, 0), goalId: null },
        { ...at(demo.monitoring.kpis, 1), goalId: 'g-missing', target: null },
        at(demo.monitoring.kpis, 1),
        { ...at(demo.monitoring.kpis, 0), id: 'k-fraction', unit: 'CNY', target: 130.5 },
      ],
    },
    evaluation: {
      results: [
        ...demo.evaluation.results.map((result, i) =>
          i === 1 ? { ...result, actual: null } : result,
        ),
        at(demo.evaluation.results, 0),
        { goalId: 'g-missing', actual: 1, note: '' },
      ],
      attribution: [
        { id: 'a1', goalId: 'g-missing', kind: 'external', strategyItemId: null, note: 'Rain' },
        { id: 'a1', goalId: null, kind: 'strategy', strategyItemId: 'pd-missing', note: 'Ads' },
      ],
      lessons: [at(demo.evaluation.lessons, 0), at(demo.evaluation.lessons, 0)],
      recommendations: [
        at(demo.evaluation.recommendations, 0),
        at(demo.evaluation.recommendations, 0),
      ],
    },
  };
  return { context, content };
}

function brokenProblems(): Problem[] {
  const { context, content } = brokenContent();
  return [
    ...STAGE_IDS.flatMap((stage) => gateReadiness(stage, content[stage], context)),
    ...gateReadiness('goals', { goals: 'not a list' }, context),
    ...gateReadiness(
      'research',
      {
        ...content.research,
        marketNeeds: [{ ...content.research.marketNeeds[0]!, segment: 'x'.repeat(5000) }],
      },
      context,
    ),
  ];
}

describe('problem messages', () => {
  const problems = brokenProblems();

  it('are exercised by broken content for every problem code whose message has params', () => {
    const exercised = new Set(problems.map((p) => p.code));
    const withParams = PROBLEM_CODES.filter(
      (code) => placeholdersOf(EN.get(`problem.${code}`) ?? '').length > 0,
    );
    expect(withParams.filter((code) => !exercised.has(code))).toEqual([]);
  });

  it.each(LOCALES)('leave no placeholder unfilled for real gate problems in %s', (locale) => {
    const unfilled = problems
      .map((p) => ({ code: p.code, text: translateProblem(locale, p) }))
      .filter(({ text }) => /\{\w+\}/.test(text));
    expect(unfilled).toEqual([]);
  });

  it('show money, dates and labels in the reader’s language', () => {
    const sumProblem = problems.find((p) => p.code === 'budget.amountsNotTotal');
    const dateProblem = problems.find((p) => p.code === 'goals.deadlineOutsidePeriod');
    const pProblem = problems.find((p) => p.code === 'strategy.missingP');
    if (!sumProblem || !dateProblem || !pProblem) throw new Error('expected problems missing');

    expect(translateProblem('zh-CN', sumProblem)).toContain('¥2,100,000.00');
    expect(translateProblem('zh-CN', dateProblem)).toContain('2025年1月1日');
    expect(translateProblem('en', dateProblem)).toContain('Jul 1, 2024 – Sep 30, 2024');
    expect(translateProblem('zh-CN', pProblem)).toMatch(/^价格策略：/);
  });

  it('fall back to a generic message naming the code when a problem key is unknown', () => {
    const text = translateProblem('en', {
      code: 'goals.fromTheFuture',
      messageKey: 'problem.goals.fromTheFuture',
      params: {},
    });
    expect(text).toContain('goals.fromTheFuture');
  });
});

describe('refusal messages', () => {
  it('join the permitted roles with "or" in the reader’s language', () => {
    const refusal = {
      code: 'roleNotPermitted',
      messageKey: 'refusal.roleNotPermitted',
      params: {},
      missingRoles: ['salesDirector', 'marketingHead'],
    };
    expect(translateRefusal('en', refusal)).toBe(
      'Only Sales director or Marketing head may decide at this gate.',
    );
    expect(translateRefusal('zh-CN', refusal)).toBe('只有销售总监或市场负责人可以在此关口决策。');
  });

  it('tell the submitter that another approver must decide', () => {
    const refusal = { messageKey: 'refusal.selfDecision', params: {} };
    expect(translateRefusal('en', refusal)).toBe(
      'You submitted this stage; another approver must decide.',
    );
    expect(translateRefusal('zh-CN', refusal)).toBe('您提交了此阶段，须由其他审批人决策。');
  });

  it('name the stage in the reader’s language', () => {
    const refusal = { messageKey: 'refusal.stageNotApproved', params: { stage: 'monitoring' } };
    expect(translateRefusal('zh-CN', refusal)).toMatch(/^过程监控尚未通过/);
  });

  it('fall back to a generic message naming the code when a refusal key is unknown', () => {
    expect(translateRefusal('zh-CN', { messageKey: 'refusal.brandNew', params: {} })).toContain(
      'brandNew',
    );
  });
});

describe('translate', () => {
  it('substitutes params into the message', () => {
    expect(translate('en', 'stageStatus.approvals', { count: 1, needed: 2 })).toBe(
      '1 of 2 approvals',
    );
    expect(translate('zh-CN', 'stageStatus.approvals', { count: 1, needed: 2 })).toBe(
      '已获 1/2 项批准',
    );
  });

  it('leaves a missing param visible as {name}', () => {
    expect(translate('en', 'event.gate.decide', { decision: 'Go' })).toBe('Go at the {stage} gate');
  });

  it('ignores params the message does not use', () => {
    expect(translate('en', 'app.name', { extra: 'x' })).toBe('Strategy Board');
  });

  it('recognises dynamic keys from the engine with hasMessage', () => {
    expect(hasMessage('problem.goals.notMeasurable')).toBe(true);
    expect(hasMessage('refusal.selfDecision')).toBe(true);
    expect(hasMessage('refusal.noSuchThing')).toBe(false);
    expect(hasMessage('problem.goals')).toBe(false);
  });

  it('labels enumeration values and shows unknown ones as they are', () => {
    expect(labelOf('zh-CN', 'role', 'lead')).toBe('策略负责人');
    expect(labelOf('en', 'strategyP', 'promotion')).toBe('Promotion strategy');
    expect(labelOf('en', 'role', 'intern')).toBe('intern');
  });
});

describe('detectLocale', () => {
  it.each<[readonly string[], Locale]>([
    [['zh'], 'zh-CN'],
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans'], 'zh-CN'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['zh-HK', 'en'], 'zh-CN'],
    [['zh_cn'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ])('maps %j to %s', (languages, expected) => {
    expect(detectLocale(languages)).toBe(expected);
  });
});

describe('formatters', () => {
  it('format money in fen as exact yuan with grouping', () => {
    expect(formatMoney('en', 150_000_000)).toContain('1,500,000');
    expect(formatMoney('en', 150_000_000)).toBe('¥1,500,000.00');
    expect(formatMoney('zh-CN', 150_000_000)).toBe('¥1,500,000.00');
  });

  it('format money to read in a plan exactly: whole yuan without decimals, and in 万 for Chinese', () => {
    expect(formatMoneyPlain('en', 1_367_800_000)).toBe('¥13,678,000');
    expect(formatMoneyPlain('zh-CN', 1_367_800_000)).toBe('¥13,678,000（1,367.8万）');
    expect(formatMoneyPlain('en', 123_450)).toBe('¥1,234.50');
    // 万 only where it is exact to 0.01万 and the amount reaches 1万.
    expect(formatMoneyPlain('zh-CN', 1_234_500)).toBe('¥12,345');
    expect(formatMoneyPlain('zh-CN', 500_000)).toBe('¥5,000');
    expect(formatMoneyPlain('zh-CN', 1_000_000)).toBe('¥10,000（1万）');
  });

  it('format compact money in 万 and 亿 for zh-CN and in M for English', () => {
    expect(formatMoneyCompact('zh-CN', 150_000_000)).toBe('¥150万');
    expect(formatMoneyCompact('zh-CN', 18_000_000_000)).toBe('¥1.8亿');
    expect(formatMoneyCompact('en', 150_000_000)).toBe('¥1.5M');
  });

  it('format a fraction as a percentage', () => {
    expect(formatPercent('en', 1.2)).toBe('120%');
    expect(formatPercent('zh-CN', 0.956, 1)).toBe('95.6%');
  });

  it('format numbers with the locale’s grouping', () => {
    expect(formatNumber('en', 1_500_000)).toBe('1,500,000');
  });

  it('format a calendar date without shifting it by time zone', () => {
    expect(formatDate('zh-CN', '2024-09-30')).toContain('年');
    expect(formatDate('zh-CN', '2024-09-30')).toBe('2024年9月30日');
    expect(formatDate('en', '2024-09-30')).toBe('Sep 30, 2024');
  });

  it('format a timestamp in the given time zone', () => {
    const text = formatDateTime('zh-CN', '2024-09-30T08:30:00Z', 'Asia/Shanghai');
    expect(text).toContain('2024年9月30日');
    expect(text).toContain('16:30');
  });

  it('show an unreadable date as it is instead of throwing', () => {
    expect(formatDate('en', 'not-a-date')).toBe('not-a-date');
    expect(formatDateTime('en', '')).toBe('');
  });
});

describe('counted messages', () => {
  it('take the English singular for one and the plural otherwise; Chinese has one form', () => {
    expect(translate('en', 'ui.stage.fixFirst', { count: 1 })).toBe(
      'Fix the point above to submit.',
    );
    expect(translate('en', 'ui.stage.fixFirst', { count: 3 })).toBe(
      'Fix the 3 points above to submit.',
    );
    expect(translate('en', 'ui.stage.problemsLabel', { count: 1 })).toBe(
      '1 point to fix before submitting',
    );
    expect(translate('zh-CN', 'ui.stage.fixFirst', { count: 1 })).toBe('完善以上 1 项后即可提交。');
  });

  it('name the count among their placeholders, and leave a missing count visible', () => {
    expect(placeholdersOf('{count, plural, one {# run} other {# runs}} in {stage}')).toEqual([
      'count',
      'stage',
    ]);
    expect(translate('en', 'ui.stage.fixFirst')).toContain('{count, plural,');
    expect(
      placeholdersOf('{open, plural, one {# of {total} is} other {# of {total} are}}'),
    ).toEqual(['open', 'total']);
    expect(translate('en', 'ui.live.closeConfirmTasks', { open: 1, total: 8 })).toBe(
      '1 of 8 tasks is not done.',
    );
    expect(translate('en', 'ui.live.closeConfirmDaysLeft', { end: 'Dec 31', days: 1 })).toBe(
      'The period runs until Dec 31 (1 day left).',
    );
    expect(translate('en', 'ui.history.chainOk', { count: 1 })).toBe(
      'Record intact: the 1 event checked, none altered or missing.',
    );
  });
});

describe('sentences one after another', () => {
  it('take a space between them in English and none in Chinese, leaving out the missing', () => {
    expect(makeI18n('en').sentences(['One.', null, 'Two.'])).toBe('One. Two.');
    expect(makeI18n('zh-CN').sentences(['一。', false, '二。'])).toBe('一。二。');
  });
});
