import type { Messages } from './en';
import type { liveEn } from './live.en';

/** 文案：`operating.*`（简体中文）：执行中的执行落地与过程监控视图。 */
export const liveZhCN: Messages<typeof liveEn> = {
  title: '运营',
  progress: {
    label:
      '进度：共 {total} 项，已完成 {done} 项，进行中 {inProgress} 项，已滞后 {late} 项，未开始 {todo} 项',
  },
  timeline: {
    title: '时间线',
    label:
      '任务时间线，{start} 至 {end}：共 {total} 项任务，已完成 {done} 项，进行中 {inProgress} 项，已滞后 {late} 项，未开始 {todo} 项。今天是 {today}。',
    labelOutside:
      '任务时间线，{start} 至 {end}：共 {total} 项任务，已完成 {done} 项，进行中 {inProgress} 项，已滞后 {late} 项，未开始 {todo} 项。',
    today: '今天',
    noDates: '未排期',
    bar: '{name}（{owner}）：{start} – {end}，{status}',
    openDate: '未定',
    unassigned: '未指派',
    dependency: '箭头：任务需等待前置任务完成',
    empty: '批准的计划中没有任务。',
  },
  csv: {
    export: '导出任务（CSV）',
    exported: '已导出 {count} 项任务到 {file}',
    name: '任务',
    owner: '负责人',
    department: '部门',
    start: '开始日期',
    end: '截止日期',
    dependencies: '前置任务',
    status: '状态',
    listSeparator: '、',
  },
  meetings: {
    title: '协同会议（{count}）',
    none: '计划中没有协同会议。',
    label: '协同会议“{title}”',
    departments: '参会部门',
    notes: '会议纪要（{count}）',
    noNotes: '暂无会议纪要。',
    fromPlan: '已批准计划中的纪要',
    recordedBy: '{name} 记录',
    attendedBy: '参会：{names}',
    record: '记录“{title}”的会议纪要',
    date: '会议日期',
    decisions: '会议决议',
    decisionsPlaceholder: '会议决定了什么、由谁跟进',
    attendees: '参会人（选填）',
    save: '记录纪要',
    decisionsMissing: '请写下会议的决议，纪要不能为空。',
    dateInvalid: '请选择会议召开的日期，应在 {start} 至 {end} 之间。',
    notYet: '执行周期于 {start} 开始后即可记录会议纪要。',
    notOnTeam:
      '会议纪要由策略负责人和在计划中负责任务或资源的成员记录。请在“当前身份”中选择其中一人。',
  },
  chart: {
    title: 'KPI 趋势',
    hint: '实际值对比目标与按时间折算的进度线；阴影区域为正常范围。',
    label: '{name}：最新 {value}（{date}），达进度 {attainment}，{health}（{colour}）',
    labelEmpty: '{name}：暂无填报，目标 {target}',
    latest: '最新 {value}（{date}）· 达进度 {attainment}',
    targetOnly: '目标 {target}',
    noCheckIns: '暂无填报',
    target: '目标 {value}',
    targetLine: '目标',
    pace: '进度线',
    actual: '实际',
    onTrack: '正常范围',
    today: '今天',
    valueWithUnit: '{value} {unit}',
    lowerIsBetter: '越低越好',
    colour: {
      green: '绿灯',
      amber: '黄灯',
      red: '红灯',
    },
  },
};
