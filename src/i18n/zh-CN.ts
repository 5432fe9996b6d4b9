import type { Catalog } from './en';
import { formsZhCN } from './forms.zh-CN';
import { lineageZhCN } from './lineage.zh-CN';
import { liveZhCN } from './live.zh-CN';
import { reportZhCN } from './report.zh-CN';
import { portfolioZhCN } from './portfolio.zh-CN';
import { transferZhCN } from './transfer.zh-CN';
import { uiZhCN } from './ui.zh-CN';

/**
 * 简体中文词条。Typed as `Catalog`: it must have exactly the English keys, and each message must
 * use the same `{placeholders}` as its English counterpart (checked by test/i18n).
 *
 * Terms follow the source template (销售与市场策略执行模板) and DOMAIN.md: 前期调研, 目标设定,
 * 策略制定, 资源分配, 执行落地, 过程监控, 效果评估; 通过 / 有条件通过 / 退回修改 / 暂缓 / 终止;
 * 关口; 策略负责人. Full-width punctuation, and “” for quoted user text.
 */
export const zhCN: Catalog = {
  app: {
    name: '策略执行看板',
    tagline: '以七个关口阶段推进销售与市场策略落地。',
  },

  stage: {
    research: {
      name: '前期调研',
      short: '收集并分析市场需求、竞品动态与自身资源，为策略制定提供客观依据。',
    },
    goals: {
      name: '目标设定',
      short: '基于 SMART 原则，将战略目标拆解为按产品线、区域或渠道划分的可量化指标。',
    },
    strategy: {
      name: '策略制定',
      short: '围绕产品、价格、渠道、推广设计落地路径，明确做什么、怎么做、谁来做。',
    },
    resources: {
      name: '资源分配',
      short: '合理调配人力、预算与工具，明确各项资源的负责人。',
    },
    execution: {
      name: '执行落地',
      short: '将策略分解为任务清单，明确负责人与起止时间，同步跟踪进度。',
    },
    monitoring: {
      name: '过程监控',
      short: '对照进度跟进 KPI，分析差异原因，及时预警风险并采取应对措施。',
    },
    evaluation: {
      name: '效果评估',
      short: '对比实际结果与目标，开展归因分析，总结经验教训，为下一周期提供依据。',
    },
  },

  stageStatus: {
    notStarted: '未开始',
    drafting: '编制中',
    inReview: '审批中',
    approved: '已通过',
    recycled: '已退回',
    onHold: '已暂缓',
    done: '已完成',
    operating: '执行中',
    paused: '重新规划中，暂停',
    cancelled: '已终止',
    approvals: '已获 {count}/{needed} 项批准',
  },

  decision: {
    go: '通过',
    conditionalGo: '有条件通过',
    recycle: '退回修改',
    hold: '暂缓',
    kill: '终止',
  },

  role: {
    lead: '策略负责人',
    salesDirector: '销售总监',
    marketingHead: '市场负责人',
    finance: '财务',
    generalManager: '总经理',
    accountManager: '客户经理',
    marketing: '市场专员',
    product: '产品经理',
  },

  scenario: {
    newProductLaunch: {
      name: '新产品上市',
      description: '从市场调研到渠道铺货、推广落地的全周期策略执行。',
    },
    deepenMarket: {
      name: '存量市场深耕',
      description: '针对现有客户群体提升复购率、扩大市场份额的策略落地。',
    },
    regionalExpansion: {
      name: '区域市场拓展',
      description: '进入新区域（如新城市、新行业）时的销售目标拆解与资源调配。',
    },
    periodicAdjustment: {
      name: '季度/年度策略调整',
      description: '基于市场反馈或业绩数据，对现有销售与市场策略进行优化迭代。',
    },
    keyAccount: {
      name: '大客户攻坚',
      description: '针对重点客户制定定制化销售策略，推动合作签约与交付。',
    },
  },

  runStatus: {
    active: '进行中',
    onHold: '已暂缓',
    completed: '已完成',
    cancelled: '已终止',
  },

  sourceKind: {
    industryReport: '行业报告',
    survey: '客户问卷',
    interview: '深度访谈',
    expert: '行业专家',
    crm: 'CRM 数据',
    other: '其他',
  },
  goalDimension: {
    productLine: '产品线',
    region: '区域',
    customerType: '客户类型',
    channel: '渠道',
  },
  direction: {
    higher: '越高越好',
    lower: '越低越好',
  },
  priceModel: {
    uniform: '统一价',
    discount: '折扣政策',
    tiered: '阶梯定价',
  },
  toolKind: {
    crm: 'CRM 系统',
    automation: '营销自动化工具',
    analytics: '数据分析平台',
    other: '其他',
  },
  department: {
    marketing: '市场部',
    sales: '销售部',
    product: '产品部',
    finance: '财务部',
    other: '其他',
  },
  taskStatus: {
    todo: '未开始',
    inProgress: '进行中',
    done: '已完成',
    late: '已滞后',
  },
  cadence: {
    daily: '每日',
    weekly: '每周',
    monthly: '每月',
  },
  kpiMeasure: {
    cumulative: '累计值',
    level: '时点值',
  },
  dataSource: {
    crm: 'CRM',
    erp: 'ERP',
    marketingTool: '营销工具',
    manual: '手工录入',
  },
  attributionKind: {
    strategy: '策略有效性',
    execution: '执行问题',
    external: '外部因素',
  },
  health: {
    green: '进展正常',
    amber: '需要关注',
    red: '严重滞后',
  },
  riskSeverity: {
    low: '低',
    medium: '中',
    high: '高',
    critical: '严重',
  },
  riskStatus: {
    open: '待处理',
    mitigating: '应对中',
    closed: '已关闭',
  },
  strategyP: {
    product: '产品策略',
    price: '价格策略',
    channel: '渠道策略',
    promotion: '推广策略',
  },
  field: {
    productStrengths: '产品/服务优势',
    teamCapability: '销售团队能力',
    channels: '渠道资源',
    metric: '衡量指标',
    target: '目标值',
    unit: '单位',
    baseline: '基线值',
  },

  problem: {
    unknown: '此阶段存在一个暂无法描述的问题（{code}），请检查填写内容。',
    content: {
      thresholdsReversed:
        '“正常阈值”须不低于“预警阈值”（如正常阈值 95%、预警阈值 80%）。请对调这两个阈值。',
      invalid: '有字段填写不符合要求，请修改标出的字段。',
      required: '有必填项尚未填写，请填写标出的字段。',
      tooLong: '有字段超过 {max} 个字符，请精简标出的字段。',
      outOfRange: '有数值超出了该字段允许的范围，请修改标出的字段。',
    },
    research: {
      noMarketNeeds: '请至少添加一条市场需求，写明目标客户群、痛点及信息来源。',
      needWithoutSource:
        '市场需求“{segment}”未注明信息来源。请补充所依据的行业报告、客户问卷或访谈——调研须基于客观依据，而非主观判断。',
      needNotDescribed: '市场需求“{segment}”尚无内容。请填写客户痛点、购买偏好或未被满足的需求。',
      noCompetitors: '请至少添加一个竞争对手，并说明其产品特点、定价策略、市场份额及营销手段。',
      ownResourcesIncomplete: '自身资源评估中“{field}”尚未填写。请补充，以明确可投入的支撑条件。',
      duplicateId: '有两项使用了相同的编号“{id}”。请删除其中一项或为其设置新编号。',
    },
    goals: {
      noOverallGoal: '请设定本周期的总目标（不隶属于其他目标的目标），例如“销售额提升30%”。',
      duplicateId: '有两个目标使用了相同的编号“{id}”。请删除其中一个或为其设置新编号。',
      notMeasurable: '目标“{goalTitle}”尚不可衡量：请填写“{field}”。',
      targetNotAboveZero: '目标“{goalTitle}”：目标值须大于 0（仅越低越好的目标可为 0）。',
      moneyNotInFen: '目标“{goalTitle}”的“{field}”为金额，精度超过 0.01 元。请保留至多两位小数。',
      notTimeBound: '目标“{goalTitle}”未设定截止日期。请设定本周期内的日期。',
      deadlineOutsidePeriod:
        '目标“{goalTitle}”的截止日期（{deadline}）不在本周期（{start} 至 {end}）内。请调整到周期内。',
      parentNotFound: '目标“{goalTitle}”所属的上级目标（{parentId}）不存在。请重新选择上级目标。',
      parentCycle:
        '目标“{goalTitle}”与上级目标（{parentId}）形成循环。请改为关联一个不在其下级的上级目标。',
      dimensionMissing: '分目标“{goalTitle}”未说明拆解维度。请选择产品线、区域、客户类型或渠道。',
      dimensionValueMissing: '分目标“{goalTitle}”未填写维度取值，例如“华东区域”或“A 产品”。',
      notAchievable:
        '目标“{goalTitle}”既无基线值，也无可行性说明。请填写上一周期的数据，或说明目标可实现的依据。',
      subGoalsDontAddUp:
        '“{parentTitle}”按{dimension}拆解的分目标合计为 {sum}，与其目标值 {target} 不一致。请调整分目标使两者相符。',
    },
    strategy: {
      missingP: '{p}：请至少添加一项，4P 中的每一项都需要有具体策略。',
      itemServesNoGoal: '策略“{title}”未关联任何目标。请关联其所支撑的目标。',
      unknownGoal:
        '“{item}”服务的目标已不在已批准目标中（已删除，编号 {goalId}）。请在该项的服务目标中取消勾选，或改选已批准的目标。',
      duplicateId: '有两项策略使用了相同的编号“{id}”。请删除其中一项或为其设置新编号。',
      goalNotServed:
        '总目标“{goalTitle}”没有任何策略支撑。请至少将一项产品、价格、渠道或推广策略关联到该目标或其分目标。',
    },
    channel: {
      noDuties: '渠道“{title}”：请写明渠道方的职责，例如“备足 3 个月库存，每月开展 2 场演示”。',
      noIncentive: '渠道“{title}”：请写明对应的激励，例如“季度目标达成返点 5%”。',
    },
    promotion: {
      noChannel: '推广“{title}”：请写明推广渠道，例如“直播”或“展会”。',
      noBudget: '推广“{title}”：请设定预算。',
      noTiming: '推广“{title}”：请写明执行时间，例如“6 月开展 3 场直播”。',
    },
    owners: {
      none: '请至少指定一名负责人，并明确其负责范围与 KPI，例如“负责华东区域大客户，签约目标 80 万元”。',
      duplicateId: '有两名负责人使用了相同的编号“{id}”。请删除其中一项或为其设置新编号。',
      unknownPerson: '负责人（{personId}）不在团队名单中。请从人员列表中选择。',
      unknownGoal:
        '“{item}”的负责人关联的目标已不在已批准目标中（已删除，编号 {goalId}）。请在其关联目标中取消勾选，或改选已批准的目标。',
    },
    budget: {
      totalNotPositive: '请设定大于 0 的总预算。',
      noLines: '请将总预算拆解到各策略模块，例如推广费用 40%、渠道支持 30%、团队培训 10%。',
      duplicateId: '有两个预算模块使用了相同的编号“{id}”。请删除其中一个或为其设置新编号。',
      sharesNot100: '各预算模块占比合计为 {sumPct}%，应为 100%。请调整占比。',
      amountsNotTotal:
        '各预算模块金额合计为 {sum}，与总预算 {total} 不一致。请调整金额，使其合计等于总预算。',
      amountNotMatchingShare:
        '“{module}”的金额为 {amount}，但按其占比 {shareBp} 计算应为 {expected}。请修正金额或占比。',
      noScope: '预算模块“{module}”：请写明使用范围。',
      noApprovalFlow: '预算模块“{module}”：请写明审批流程，例如“市场负责人 → 财务”。',
    },
    tools: {
      none: '请至少配置一项工具（CRM 系统、营销自动化工具或数据分析平台），并写明使用规范。',
      duplicateId: '有两项工具使用了相同的编号“{id}”。请删除其中一项或为其设置新编号。',
      noUsageRule:
        '工具“{name}”未设定使用规范。请说明团队如何使用，例如“每日 17:00 前更新 CRM 数据”。',
    },
    tasks: {
      none: '请添加任务清单，每项任务须写明名称、负责人及起止时间。',
      duplicateId: '有两项任务使用了相同的编号“{id}”。请删除其中一项或为其设置新编号。',
      noOwner: '任务“{name}”尚未指定负责人。请指定一名负责人。',
      unknownOwner: '任务“{name}”的负责人（{ownerId}）不在团队名单中。请从人员列表中重新指定。',
      noStart: '任务“{name}”未设定开始日期。请在本周期（{start} 至 {end}）内设定。',
      noEnd: '任务“{name}”未设定结束日期。请在本周期（{start} 至 {end}）内设定。',
      startOutsidePeriod:
        '任务“{name}”的开始日期（{date}）不在本周期（{start} 至 {end}）内。请调整到周期内。',
      endOutsidePeriod:
        '任务“{name}”的结束日期（{date}）不在本周期（{start} 至 {end}）内。请调整到周期内。',
      endsBeforeStart: '任务“{name}”的结束日期早于开始日期。请修正日期。',
      dependsOnItself: '任务“{name}”依赖于其自身。请删除该依赖。',
      unknownDependency:
        '任务“{name}”所依赖的任务（{dependencyId}）不存在。请删除该依赖或改选已有任务。',
      startsBeforeDependency:
        '任务“{name}”依赖于“{dependencyName}”，但其开始日期（{start}）早于后者的结束日期（{dependencyEnd}）。请推迟开始日期或调整依赖关系。',
      dependencyCycle: '任务“{name}”处于循环依赖中。请删除循环中的某一项依赖。',
    },
    meetings: {
      none: '请添加跨部门定期同步会（市场、销售、产品），例如“每周五下午策略会”。',
      duplicateId: '有两个会议使用了相同的编号“{id}”。请删除其中一个或为其设置新编号。',
    },
    kpis: {
      none: '请至少设定一项监控指标（KPI），例如销售额达成率、客户转化率或活动线索量。',
      duplicateId: '有两项 KPI 使用了相同的编号“{id}”。请删除其中一项或为其设置新编号。',
      noGoal: 'KPI“{name}”未关联目标。请关联其所衡量的目标。',
      unknownGoal: 'KPI“{name}”关联了不在已批准目标中的目标（{goalId}）。请改选已批准的目标。',
      noTarget: 'KPI“{name}”未设定目标值。请补充。',
      moneyNotInFen: 'KPI“{name}”的目标值为金额，精度超过 0.01 元。请保留至多两位小数。',
      goalNotMonitored: '总目标“{goalTitle}”没有直接对应的 KPI。请添加一项直接衡量该目标的 KPI。',
      goalNotMeasured:
        '目标“{goalTitle}”没有按其单位（{unit}）和方向衡量它的 KPI。请添加一项：该目标的评估结果将由这项 KPI 的填报数据计算得出。',
      targetDiffersFromGoal:
        'KPI“{name}”衡量目标“{goalTitle}”，但目标值与该目标不同。其填报数据将作为该目标的结果，请将其目标值设为与目标一致（或在目标设定阶段修改目标）。',
    },
    evaluation: {
      openFollowUp:
        '{stage}关口设定的条件“{text}”尚未关闭。请先关闭它并说明如何满足，再提交评估：有条件通过的条件须先满足。',
    },
    results: {
      unknownGoal: '有评估结果对应的目标不在已批准目标中（{goalId}）。请删除该结果。',
      duplicateGoal: '目标“{goalTitle}”有两条评估结果。请只保留一条。',
      noActual: '目标“{goalTitle}”的评估结果未填写实际值。请填写实际完成情况。',
      differsFromKpi:
        '“{goalTitle}”的实际值应为其 KPI“{kpiName}”最近一次填报的数值：{measured}（{date}）。评估结果由填报数据计算得出，不能手工填写。',
      missing: '目标“{goalTitle}”尚无评估结果。请填写实际完成情况。',
    },
    attribution: {
      none: '请至少添加一条归因分析，说明策略有效性、执行问题或外部因素对结果的影响。',
      duplicateId: '有两条归因分析使用了相同的编号“{id}”。请删除其中一条或为其设置新编号。',
      unknownGoal:
        '有归因分析关联了不在已批准目标中的目标（{goalId}）。请改选已批准的目标或取消关联。',
      noStrategyItem: '策略有效性归因须指明对应的产品、价格、渠道或推广策略。请选择一项。',
      unknownStrategyItem:
        '有归因分析关联了不在已批准策略中的策略项（{strategyItemId}）。请改选已批准的策略项。',
    },
    lessons: {
      none: '请至少总结一条经验教训，下一周期将以此为起点。',
      duplicateId: '有两条经验教训使用了相同的编号“{id}”。请删除其中一条或为其设置新编号。',
    },
    recommendations: {
      duplicateId: '有两条改进建议使用了相同的编号“{id}”。请删除其中一条或为其设置新编号。',
    },
  },

  refusal: {
    unknown: '该操作未被接受（{code}）。请刷新后重试。',
    wrongStage: '该操作针对的阶段与当前阶段（{stage}）不符。请刷新后在{stage}阶段操作。',
    notLead: '只有本次策略执行的策略负责人可以进行此操作。',
    notFollowUpOwner: '只有策略负责人、提出该条件的人或{stage}关口的审批人可以关闭此跟进事项。',
    notLeadOrApprover: '只有策略负责人或{stage}关口的审批人可以恢复本次执行。',
    notReady: '此阶段尚未满足提交条件。请先解决下列问题，再重新提交。',
    followUpsOpen:
      '仍有有条件通过产生的跟进事项未关闭（{count} 项）。提交效果评估前，请关闭这些事项，或在结束执行时说明接受理由。',
    selfDecision: '您提交了此阶段，须由其他审批人决策。',
    roleNotPermitted: '只有{roles}可以在此关口决策。',
    alreadyVoted: '您已在本轮审批中做出决策，请等待其他审批人。',
    commentRequired: '请填写理由：选择“{decision}”须说明理由。',
    conditionsRequired: '选择“有条件通过”须至少填写一项条件，这些条件将作为跟进事项进行跟踪。',
    conditionsOnlyWithConditionalGo:
      '只有“有条件通过”可以附加条件。请删去条件，或改选“有条件通过”。',
    noConditionsAtFinalGate:
      '效果评估是最后一道关口，附加条件已无法跟进。请选择“通过”，或选择“退回修改”并说明理由。',
    invalidRecycleTarget: '只能退回到{stage}或更早的阶段。执行落地与过程监控之间不能互相退回。',
    vetoRoleRequired: '只有{roles}可以在此关口终止本次策略执行。',
    unknownKpi: '该 KPI（{kpiId}）不在已批准的监控指标中。请刷新后选择已批准的 KPI。',
    dateOutsidePeriod: '填报日期 {date} 不在本次执行周期内。请选择周期内的日期。',
    reasonRequired: '该数据落后于进度，请说明差异原因，例如“华东区域暴雨导致线下拜访量减少30%”。',
    unknownTask: '该任务（{taskId}）不在已批准的任务清单中。请刷新后重试。',
    notTaskOwner: '只有任务负责人或策略负责人可以更新任务进度。',
    unknownMeeting: '该会议（{meetingId}）不在已批准的执行计划中。请刷新后选择计划中的会议。',
    notOnRunTeam: '只有策略负责人和在计划中负责任务或资源的成员可以记录会议纪要。',
    noteDateOutsidePeriod:
      '会议日期 {date} 不在本次执行周期内（{start} – {end}）。请选择周期内的日期。',
    noteDateInFuture: '会议日期 {date} 尚未到来。请在会议当天或之后记录纪要。',
    checkInDateInFuture: '填报日期 {date} 尚未到来。请在数据实际测得的当天或之后再填报。',
    decisionsRequired: '请写下“{title}”的决议，会议纪要不能为空。',
    unknownRisk: '该风险（{riskId}）不存在。请刷新后重试。',
    riskClosed: '该风险已关闭，无法再修改。如风险再次出现，请重新提出。',
    countermeasureRequired: '关闭风险前，请填写应对措施并指定负责人。',
    stageNotApproved: '{stage}尚未通过关口审批。请先获得批准，再结束执行。',
    openItemsNeedAcceptance:
      '仍有未关闭事项：跟进事项 {followUps} 项，严重风险 {criticalRisks} 项。请先关闭，或说明接受理由后再结束执行。',
    checkInNotOnRunTeam: '只有策略负责人和在计划中负责任务或资源的成员可以填报 KPI 数据。',
    checkInNotInFen: '金额以分为单位（0.01 元）。请保留至多两位小数。',
    riskNotOnRunTeam: '只有执行计划的成员，或提出、负责该风险的人，可以更新它。',
    riskOwnerNotOnRunTeam:
      '风险负责人须是本策略团队的成员：策略负责人或任务、资源负责人。请从中选择。',
    unhandledItemsNeedAcceptance:
      '仍有未处理事项：跟进事项 {followUps} 项，严重风险 {criticalRisks} 项，缺少应对措施或负责人的其他风险 {unhandledRisks} 项。请先处理，或说明接受理由后再结束执行。',
    earlyCloseNeedsAcceptance:
      '本周期至 {end} 结束。如需提前结束执行，请说明为何现在即可评估效果。',
    unknownFollowUp: '该跟进事项不存在。请刷新后重试。',
    followUpClosed: '该跟进事项已关闭。',
    alreadyLinked: '本次策略执行已开启下一周期，请前往该周期操作。',
    invalidEvent: '请求内容无法识别：{detail}。请刷新页面后重试。',
    notNow: '当前阶段无法进行此操作。请刷新以查看最新进展。',
    unknownPerson: '当前操作人（{personId}）不在团队名单中。请在“当前身份”中选择团队成员。',
  },

  event: {
    run: {
      created: '创建了策略执行“{title}”',
      resume: '恢复了策略执行',
    },
    stage: {
      submit: '提交了{stage}',
    },
    gate: {
      decide: '{stage}关口：{decision}',
    },
    followUp: {
      close: '关闭了跟进事项“{followUp}”',
    },
    task: {
      progress: '将任务“{task}”标记为{status}',
    },
    meeting: {
      note: '记录了 {date} 的会议纪要',
    },
    kpi: {
      checkIn: '填报了{kpi}：{value}',
    },
    risk: {
      raise: '提出风险（{severity}）：{description}',
      update: '更新了风险“{risk}”：{status}',
      countermeasure: '应对措施：{text}',
      owner: '负责人：{name}',
      due: '截止 {date}',
    },
    conditions: '附加条件：{list}',
    conditionsJoin: '；',
    replan: {
      escalate: '发起重新规划，退回{target}',
    },
    execution: {
      close: '结束了执行落地与过程监控',
    },
    cycle: {
      link: '开启了下一周期“{title}”',
    },
  },

  ui: uiZhCN,
  form: formsZhCN,
  report: reportZhCN,
  operating: liveZhCN,
  transfer: transferZhCN,
  portfolio: portfolioZhCN,
  lineage: lineageZhCN,
};
