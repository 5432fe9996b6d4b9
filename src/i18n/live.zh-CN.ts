import type { Messages } from './en';
import type { liveEn } from './live.en';

/** 文案：`operating.*`（简体中文）：运营中的执行与监控视图。 */
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
    noNotes: '批准的计划中暂无会议纪要。',
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
