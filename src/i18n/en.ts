import { formsEn } from './forms.en';
import { lineageEn } from './lineage.en';
import { liveEn } from './live.en';
import { reportEn } from './report.en';
import { portfolioEn } from './portfolio.en';
import { transferEn } from './transfer.en';
import { uiEn } from './ui.en';

/**
 * The English catalog. It is the reference: `Catalog` (the shape every other language must match
 * exactly) and `MessageKey` (the dotted key union) are both derived from it.
 *
 * Conventions:
 * - Keys are nested camelCase groups; a message is addressed by its dotted path
 *   (`stage.research.name`). Enumerations use the domain's literal values as keys.
 * - `{name}` is a placeholder filled by `translate`; the zh-CN message must use the same set.
 * - Problem and refusal messages say what is wrong and how to fix it.
 * - Labels are sentence case ("Goal setting", not "Goal Setting").
 */
export const en = {
  app: {
    name: 'Strategy Board',
    tagline: 'Run sales and marketing strategies through seven gated stages.',
  },

  // The seven stages (src/domain/stages.ts STAGE_IDS). ---------------------------------------
  stage: {
    research: {
      name: 'Research',
      short: 'Objective evidence on market needs, competitors and our own resources.',
    },
    goals: {
      name: 'Goal setting',
      short: 'Turn the strategy into SMART targets, split by product line, region or channel.',
    },
    strategy: {
      name: 'Strategy',
      short: 'Product, price, channel and promotion: what to do, how, and who does it.',
    },
    resources: {
      name: 'Resource allocation',
      short: 'People, budget and tools to carry the strategy, each with clear owners.',
    },
    execution: {
      name: 'Execution',
      short: 'Break the plan into tasks with owners and dates, and track progress.',
    },
    monitoring: {
      name: 'Monitoring',
      short: 'Compare KPIs with their pace, explain gaps and act on early warnings.',
    },
    evaluation: {
      name: 'Evaluation',
      short: 'Measure results against targets, attribute them, and learn for the next cycle.',
    },
  },

  stageStatus: {
    notStarted: 'Not started',
    drafting: 'Drafting',
    inReview: 'In review',
    approved: 'Approved',
    recycled: 'Recycled',
    onHold: 'On hold',
    done: 'Done',
    operating: 'Operating',
    paused: 'Paused for a replan',
    cancelled: 'Cancelled',
    approvals: '{count} of {needed} approvals',
  },

  // Gate decisions (src/domain/gate.ts DECISIONS). ---------------------------------------------
  decision: {
    go: 'Go',
    conditionalGo: 'Conditional Go',
    recycle: 'Recycle',
    hold: 'Hold',
    kill: 'Kill',
  },

  // src/domain/people.ts ROLES. -----------------------------------------------------------------
  role: {
    lead: 'Strategy lead',
    salesDirector: 'Sales director',
    marketingHead: 'Marketing head',
    finance: 'Finance',
    generalManager: 'General manager',
    accountManager: 'Account manager',
    marketing: 'Marketing',
    product: 'Product',
  },

  // src/domain/scenarios.ts SCENARIO_IDS. -------------------------------------------------------
  scenario: {
    newProductLaunch: {
      name: 'New product launch',
      description:
        'The full cycle of a launch, from market research to channel stocking and promotion.',
    },
    deepenMarket: {
      name: 'Deepen an existing market',
      description:
        'Raise the repurchase rate and market share with the customers you already have.',
    },
    regionalExpansion: {
      name: 'Regional expansion',
      description:
        'Enter a new city or industry: split the sales targets and allocate resources to them.',
    },
    periodicAdjustment: {
      name: 'Quarterly or annual adjustment',
      description: 'Iterate the current strategy based on market feedback and sales results.',
    },
    keyAccount: {
      name: 'Key-account pursuit',
      description: 'A tailored strategy to win, sign and deliver one major customer.',
    },
  },

  // src/storage/records.ts RUN_STATUSES. --------------------------------------------------------
  runStatus: {
    active: 'Active',
    onHold: 'On hold',
    completed: 'Completed',
    cancelled: 'Cancelled',
  },

  // Enumerations from src/domain/content.ts. ---------------------------------------------------
  sourceKind: {
    industryReport: 'Industry report',
    survey: 'Customer survey',
    interview: 'In-depth interview',
    expert: 'Expert consultation',
    crm: 'CRM data',
    other: 'Other',
  },
  goalDimension: {
    productLine: 'Product line',
    region: 'Region',
    customerType: 'Customer type',
    channel: 'Channel',
  },
  direction: {
    higher: 'Higher is better',
    lower: 'Lower is better',
  },
  priceModel: {
    uniform: 'Uniform price',
    discount: 'Discount policy',
    tiered: 'Tiered pricing',
  },
  toolKind: {
    crm: 'CRM',
    automation: 'Marketing automation',
    analytics: 'Analytics platform',
    other: 'Other',
  },
  department: {
    marketing: 'Marketing',
    sales: 'Sales',
    product: 'Product',
    finance: 'Finance',
    other: 'Other',
  },
  taskStatus: {
    todo: 'To do',
    inProgress: 'In progress',
    done: 'Done',
    /** Not a stored status: shown for a task that is not done after its end date. */
    late: 'Late',
  },
  cadence: {
    daily: 'Daily',
    weekly: 'Weekly',
    monthly: 'Monthly',
  },
  kpiMeasure: {
    cumulative: 'Cumulative',
    level: 'Level',
  },
  dataSource: {
    crm: 'CRM',
    erp: 'ERP',
    marketingTool: 'Marketing tool',
    manual: 'Manual entry',
  },
  attributionKind: {
    strategy: 'Strategy effectiveness',
    execution: 'Execution',
    external: 'External factors',
  },
  /** KPI health (src/domain/kpi.ts Health). */
  health: {
    green: 'On track',
    amber: 'At risk',
    red: 'Off track',
  },
  // machines/events.ts RISK_SEVERITIES and RISK_STATUSES.
  riskSeverity: {
    low: 'Low',
    medium: 'Medium',
    high: 'High',
    critical: 'Critical',
  },
  riskStatus: {
    open: 'Open',
    mitigating: 'Mitigating',
    closed: 'Closed',
  },
  /** The 4Ps (src/domain/content.ts STRATEGY_PS). */
  strategyP: {
    product: 'Product strategy',
    price: 'Price strategy',
    channel: 'Channel strategy',
    promotion: 'Promotion strategy',
  },
  /** Form field labels that problem messages quote (the `field` param). */
  field: {
    productStrengths: 'Product strengths',
    teamCapability: 'Team capability',
    channels: 'Channels',
    metric: 'Metric',
    target: 'Target',
    unit: 'Unit',
    baseline: 'Baseline',
  },

  // Gate problems: one per PROBLEM_CODES entry in src/domain/readiness.ts. ------------------
  problem: {
    /** Shown when a problem code has no message (a newer engine than this catalog). */
    unknown: 'This stage has a problem the app cannot describe yet ({code}). Check its content.',
    content: {
      thresholdsReversed:
        '“On track from” must be at or above “At risk from” (e.g. 95% and 80%). Swap the two thresholds.',
      invalid: 'A field is not filled in correctly. Correct the highlighted field.',
      required: 'A required field is empty. Fill in the highlighted field.',
      tooLong: 'A field is longer than {max} characters. Shorten the highlighted field.',
      outOfRange: 'A figure is outside what this field accepts. Correct the highlighted field.',
    },
    research: {
      noMarketNeeds:
        'Add at least one market need: the customer segment, its pain points and where the evidence comes from.',
      needWithoutSource:
        'The market need “{segment}” has no source. Add the industry report, survey or interview it comes from: research is evidence, not opinion.',
      needNotDescribed:
        'The market need “{segment}” is empty. Describe its pain points, buying preferences or unmet needs.',
      noCompetitors:
        'Add at least one competitor with its product features, pricing, market share and marketing moves.',
      ownResourcesIncomplete:
        'Own resources: “{field}” is still empty. Fill it in so the strategy knows what it can rely on.',
      duplicateId: 'Two entries share the id “{id}”. Delete one of them or give it a new id.',
    },
    goals: {
      noOverallGoal:
        'Set an overall goal for the period (a goal with no parent), e.g. “Sales +30%”.',
      duplicateId: 'Two goals share the id “{id}”. Delete one of them or give it a new id.',
      notMeasurable: 'Goal “{goalTitle}” is not measurable yet: fill in “{field}”.',
      targetNotAboveZero:
        'Goal “{goalTitle}”: the target must be above zero (zero only where lower is better).',
      moneyNotInFen:
        'Goal “{goalTitle}”: “{field}” is a money amount finer than 0.01 yuan. Round it to two decimals.',
      notTimeBound: 'Goal “{goalTitle}” has no deadline. Set a date within the period.',
      deadlineOutsidePeriod:
        'The deadline of goal “{goalTitle}” ({deadline}) is outside the period {start} – {end}. Move it into the period.',
      parentNotFound:
        'Goal “{goalTitle}” belongs to a goal that does not exist ({parentId}). Choose its parent goal again.',
      parentCycle:
        'Goal “{goalTitle}” and its parent ({parentId}) form a loop. Link it to a higher goal that is not below it.',
      dimensionMissing:
        'Sub-goal “{goalTitle}” does not say how it splits its parent. Choose a dimension: product line, region, customer type or channel.',
      dimensionValueMissing:
        'Sub-goal “{goalTitle}” needs a value for its dimension, e.g. “East China” or “Product A”.',
      notAchievable:
        'Goal “{goalTitle}” has neither a baseline nor a rationale. Enter last period’s figure or explain why the target is achievable.',
      subGoalsDontAddUp:
        'The sub-goals of “{parentTitle}” by {dimension} add up to {sum}, not to its target of {target}. Adjust them so they add up.',
    },
    strategy: {
      missingP: '{p}: add at least one item. Each of the 4Ps needs a plan.',
      itemServesNoGoal: '“{title}” serves no goal. Link it to the goals it helps achieve.',
      unknownGoal:
        '“{item}” serves a goal that is no longer among the approved goals (removed, id {goalId}). Untick it under the item’s goals, or choose an approved one.',
      duplicateId:
        'Two strategy items share the id “{id}”. Delete one of them or give it a new id.',
      goalNotServed:
        'No strategy serves the overall goal “{goalTitle}”. Link at least one product, price, channel or promotion item to it or to one of its sub-goals.',
    },
    channel: {
      noDuties:
        'Channel “{title}”: say what the channel partner does (its duties), e.g. “stock 3 months of product, run 2 demos a month”.',
      noIncentive:
        'Channel “{title}”: say what it earns for doing it (its incentive), e.g. “quarterly target met: 5% rebate”.',
    },
    promotion: {
      noChannel:
        'Promotion “{title}”: name the channel it runs on, e.g. “live stream” or “trade show”.',
      noBudget: 'Promotion “{title}”: set its budget.',
      noTiming: 'Promotion “{title}”: say when it runs, e.g. “3 live streams in June”.',
    },
    owners: {
      none: 'Name at least one owner with a scope and a KPI, e.g. “East China key accounts, signing target ¥800k”.',
      duplicateId: 'Two owners share the id “{id}”. Delete one of them or give it a new id.',
      unknownPerson:
        'The owner ({personId}) is not on the team. Choose someone from the people list.',
      unknownGoal:
        'The owner of “{item}” is linked to a goal that is no longer among the approved goals (removed, id {goalId}). Untick it under the owner’s goals, or choose an approved one.',
    },
    budget: {
      totalNotPositive: 'Set a total budget above zero.',
      noLines:
        'Split the budget into modules, e.g. promotion 40%, channel support 30%, training 10%.',
      duplicateId: 'Two budget lines share the id “{id}”. Delete one of them or give it a new id.',
      sharesNot100: 'The budget shares add up to {sumPct}%, not 100%. Adjust the shares.',
      amountsNotTotal:
        'The budget lines add up to {sum}, but the total budget is {total}. Make the amounts add up to the total.',
      amountNotMatchingShare:
        '“{module}” is {amount}, but its share of {shareBp} of the total comes to {expected}. Correct the amount or the share.',
      noScope: 'Budget line “{module}”: say what it may be spent on (its scope of use).',
      noApprovalFlow:
        'Budget line “{module}”: say who approves spending from it, e.g. “marketing head → finance”.',
    },
    tools: {
      none: 'Add at least one tool (CRM, marketing automation or analytics) with a usage rule.',
      duplicateId: 'Two tools share the id “{id}”. Delete one of them or give it a new id.',
      noUsageRule:
        'Tool “{name}” has no usage rule. Say how the team uses it, e.g. “update the CRM by 17:00 daily”.',
    },
    tasks: {
      none: 'Add the task list: every task with a name, an owner, and start and end dates.',
      duplicateId: 'Two tasks share the id “{id}”. Delete one of them or give it a new id.',
      noOwner: 'Task “{name}” has no owner. Assign one.',
      unknownOwner:
        'The owner of task “{name}” ({ownerId}) is not on the team. Assign someone from the people list.',
      noStart: 'Task “{name}” has no start date. Set one within the period {start} – {end}.',
      noEnd: 'Task “{name}” has no end date. Set one within the period {start} – {end}.',
      startOutsidePeriod:
        'Task “{name}” starts on {date}, outside the period {start} – {end}. Move it into the period.',
      endOutsidePeriod:
        'Task “{name}” ends on {date}, outside the period {start} – {end}. Move it into the period.',
      endsBeforeStart: 'Task “{name}” ends before it starts. Correct its dates.',
      dependsOnItself: 'Task “{name}” depends on itself. Remove that dependency.',
      unknownDependency:
        'Task “{name}” depends on a task that does not exist ({dependencyId}). Remove the dependency or choose an existing task.',
      startsBeforeDependency:
        'Task “{name}” starts on {start}, before “{dependencyName}”, which it depends on, ends on {dependencyEnd}. Start it later or change the dependency.',
      dependencyCycle:
        'Task “{name}” is part of a dependency loop. Remove one of the dependencies in the loop.',
    },
    meetings: {
      none: 'Add the regular sync where marketing, sales and product meet, e.g. “every Friday afternoon”.',
      duplicateId: 'Two meetings share the id “{id}”. Delete one of them or give it a new id.',
    },
    kpis: {
      none: 'Define at least one KPI, e.g. sales attainment, conversion rate or leads.',
      duplicateId: 'Two KPIs share the id “{id}”. Delete one of them or give it a new id.',
      noGoal: 'KPI “{name}” is not linked to a goal. Link it to the goal it measures.',
      unknownGoal:
        'KPI “{name}” is linked to a goal that is not among the approved goals ({goalId}). Choose an approved goal.',
      noTarget: 'KPI “{name}” has no target. Set one.',
      moneyNotInFen:
        'KPI “{name}”: its target is a money amount finer than 0.01 yuan. Round it to two decimals.',
      goalNotMonitored:
        'The overall goal “{goalTitle}” has no KPI of its own. Add a KPI that measures it directly.',
      goalNotMeasured:
        'Goal “{goalTitle}” has no KPI that measures it in its unit ({unit}) and direction. Add one: the goal’s result is computed from that KPI’s check-ins.',
      targetDiffersFromGoal:
        'KPI “{name}” measures the goal “{goalTitle}” but aims at another target. Its figures become the goal’s result, so give it the goal’s target (or change the goal at its own stage).',
    },
    evaluation: {
      openFollowUp:
        'The condition “{text}” set at the {stage} gate is still open. Close it, saying how it was met, before sending the evaluation: a Conditional Go’s conditions are met first.',
    },
    results: {
      unknownGoal:
        'A result refers to a goal that is not among the approved goals ({goalId}). Remove it.',
      duplicateGoal: 'There are two results for the goal “{goalTitle}”. Keep one.',
      noActual: 'The result for “{goalTitle}” has no actual figure. Enter what was achieved.',
      differsFromKpi:
        'The actual of “{goalTitle}” is what its KPI “{kpiName}” last measured: {measured} on {date}. Results are computed from check-ins, not typed.',
      missing: 'Goal “{goalTitle}” has no result. Enter what was achieved.',
    },
    attribution: {
      none: 'Add at least one attribution: what strategy, execution or external factors did to the results.',
      duplicateId:
        'Two attribution entries share the id “{id}”. Delete one of them or give it a new id.',
      unknownGoal:
        'An attribution refers to a goal that is not among the approved goals ({goalId}). Choose an approved goal or none.',
      noStrategyItem:
        'A strategy attribution must name the product, price, channel or promotion item it credits. Choose one.',
      unknownStrategyItem:
        'An attribution credits an item that is not in the approved strategy ({strategyItemId}). Choose an approved item.',
    },
    lessons: {
      none: 'Write down at least one lesson learned: the next cycle starts from it.',
      duplicateId: 'Two lessons share the id “{id}”. Delete one of them or give it a new id.',
    },
    recommendations: {
      duplicateId:
        'Two recommendations share the id “{id}”. Delete one of them or give it a new id.',
    },
  },

  // Refusals: machines/run-rules.ts `refuse(...)` codes plus src/engine/engine.ts. ------------
  refusal: {
    /** Shown when a refusal code has no message (a newer engine than this catalog). */
    unknown: 'This action was refused ({code}). Reload the run and try again.',
    wrongStage:
      'This action is for a different stage than the one under way here ({stage}). Reload the run and act on {stage}.',
    notLead: 'Only the strategy lead of this run can do this.',
    notFollowUpOwner:
      'Only the strategy lead, whoever set this condition, or an approver of the {stage} gate can close it.',
    notLeadOrApprover:
      'Only the strategy lead or an approver of the {stage} gate can resume the run.',
    notReady: 'This stage is not ready to submit. Fix the problems listed, then submit again.',
    followUpsOpen:
      'Follow-ups from conditional approvals are still open ({count}). Close them, or accept them when closing execution, before submitting the evaluation.',
    selfDecision: 'You submitted this stage; another approver must decide.',
    roleNotPermitted: 'Only {roles} may decide at this gate.',
    alreadyVoted:
      'You have already decided at this gate in this round. Wait for the other approvers.',
    commentRequired: 'Give a reason: {decision} needs one.',
    conditionsRequired:
      'Conditional Go needs at least one condition. Add the conditions that will be followed up.',
    conditionsOnlyWithConditionalGo:
      'Only Conditional Go carries conditions. Remove the conditions, or choose Conditional Go.',
    noConditionsAtFinalGate:
      'The evaluation gate is the last one, so conditions could not be followed up. Choose Go, or Recycle with a reason.',
    invalidRecycleTarget:
      'Send the work back to {stage} or an earlier stage. Execution and monitoring cannot be sent back to each other.',
    vetoRoleRequired: 'Only {roles} may kill the run at this gate.',
    unknownKpi:
      'This KPI ({kpiId}) is not among the approved KPIs. Reload the run and choose an approved KPI.',
    dateOutsidePeriod:
      'The check-in date {date} is outside the run’s period. Choose a date within the period.',
    reasonRequired:
      'This figure is behind pace. Explain the gap, e.g. “storms in East China cut offline visits by 30%”.',
    unknownTask: 'This task ({taskId}) is not in the approved task list. Reload the run.',
    notTaskOwner: 'Only the task’s owner or the strategy lead can update its progress.',
    unknownMeeting:
      'This meeting ({meetingId}) is not in the approved execution plan. Reload the run and choose one of its meetings.',
    notOnRunTeam:
      'Only the strategy lead and people with a part in the plan (task or resource owners) can record meeting notes.',
    noteDateOutsidePeriod:
      'The meeting date {date} is outside the run’s period ({start} – {end}). Choose a date within the period.',
    noteDateInFuture:
      'The meeting date {date} is still ahead. Record the notes on or after the day of the meeting.',
    checkInDateInFuture:
      'The check-in date {date} is still ahead. Report a figure on or after the day it was measured.',
    decisionsRequired: 'Write down what “{title}” decided: the notes cannot be empty.',
    unknownRisk: 'This risk ({riskId}) does not exist. Reload the run.',
    riskClosed: 'This risk is closed and can no longer change. Raise a new risk if it comes back.',
    countermeasureRequired: 'To close a risk, record the countermeasure and who owns it.',
    stageNotApproved:
      '{stage} has not passed its gate yet. Get it approved before closing execution.',
    openItemsNeedAcceptance:
      'Items are still open: {followUps} follow-ups and {criticalRisks} critical risks. Close them, or say why you accept them, to close execution.',
    checkInNotOnRunTeam:
      'Only the strategy lead and people with a part in the plan (task or resource owners) can report KPI figures.',
    checkInNotInFen:
      'A money figure is counted in whole fen (0.01 yuan). Round it to two decimals.',
    riskNotOnRunTeam:
      'Only the people running the plan, or whoever raised or owns this risk, can update it.',
    riskOwnerNotOnRunTeam:
      'A risk’s owner must be on the run’s team: the strategy lead or a task or resource owner. Choose one of them.',
    unhandledItemsNeedAcceptance:
      'Items are still open: {followUps, plural, one {# follow-up} other {# follow-ups}}, {criticalRisks, plural, one {# critical risk} other {# critical risks}} and {unhandledRisks, plural, one {# other risk} other {# other risks}} without a countermeasure or an owner. Handle them, or say why you accept them, to close execution.',
    earlyCloseNeedsAcceptance:
      'The period runs until {end}. To close execution before it ends, say why the results can be evaluated now.',
    unknownFollowUp: 'This follow-up does not exist. Reload the run.',
    followUpClosed: 'This follow-up is already closed.',
    alreadyLinked: 'This run already has a next cycle. Open that run instead.',
    invalidEvent: 'The request could not be read: {detail}. Reload the page and try again.',
    notNow:
      'This action is not possible at this point in the run. Reload it to see where it stands.',
    unknownPerson:
      'The person acting ({personId}) is not on the team. Choose someone under “Acting as”.',
  },

  // History timeline: one per event type in machines/events.ts, plus the creation record. ----
  event: {
    run: {
      created: 'Created the run “{title}”',
      resume: 'Resumed the run',
    },
    stage: {
      submit: 'Submitted {stage}',
    },
    gate: {
      decide: '{decision} at the {stage} gate',
    },
    followUp: {
      close: 'Closed the follow-up “{followUp}”',
    },
    task: {
      progress: 'Marked “{task}” as {status}',
    },
    meeting: {
      note: 'Recorded the notes of the meeting on {date}',
    },
    kpi: {
      checkIn: 'Reported {kpi}: {value}',
    },
    risk: {
      raise: 'Raised a risk ({severity}): {description}',
      update: 'Updated the risk “{risk}”: {status}',
      countermeasure: 'countermeasure: {text}',
      owner: 'owner: {name}',
      due: 'due {date}',
    },
    conditions: 'Conditions: {list}',
    conditionsJoin: '; ',
    replan: {
      escalate: 'Escalated to a replan, back to {target}',
    },
    execution: {
      close: 'Closed execution and monitoring',
    },
    cycle: {
      link: 'Opened the next cycle “{title}”',
    },
  },

  // UI chrome. Other features add their keys here, grouped by screen or purpose. --------------
  ui: uiEn,
  form: formsEn,
  report: reportEn,
  operating: liveEn,
  transfer: transferEn,
  portfolio: portfolioEn,
  lineage: lineageEn,
} as const;

/** Widens every message of a catalog to `string`, keeping its exact nesting of keys. */
export type Messages<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Messages<T[K]>;
};

/**
 * The shape every catalog has: exactly the English keys, any strings. Declaring a catalog as
 * `Catalog` makes a missing key and an extra key (a typo) both compile errors.
 */
export type Catalog = Messages<typeof en>;
