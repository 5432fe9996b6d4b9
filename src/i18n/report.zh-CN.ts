import type { Messages } from './en';
import type { reportEn } from './report.en';

/** 文案：`report.*`（简体中文）。 */
export const reportZhCN: Messages<typeof reportEn> = {
  title: '效果评估报告',
};
