import type { Messages } from './en';
import type { portfolioEn } from './portfolio.en';

/** 文案：`portfolio.*`（简体中文）。 */
export const portfolioZhCN: Messages<typeof portfolioEn> = {
  title: '组合看板',
};
