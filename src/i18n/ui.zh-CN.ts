import type { Messages } from './en';
import type { uiEn } from './ui.en';

/** 界面文案（简体中文）。 */
export const uiZhCN: Messages<typeof uiEn> = {
  nav: {
    runs: '策略执行',
    people: '人员',
    settings: '设置',
  },
  action: {
    newRun: '新建策略执行',
    submit: '提交',
    save: '保存',
    cancel: '取消',
    confirm: '确认',
    back: '返回',
  },
  common: {
    title: '名称',
    period: '周期',
    lead: '策略负责人',
    scenario: '业务场景',
    status: '状态',
    lastChange: '最近更新',
    search: '搜索',
    filter: '筛选',
    all: '全部',
    none: '无',
    language: '语言',
    actingAs: '当前身份',
  },
  toast: {
    saved: '已保存',
    submitted: '已提交审批',
    decided: '决策已记录',
  },
  error: {
    generic: '操作失败：{detail}',
  },
};
