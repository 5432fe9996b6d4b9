import type { Messages } from './en';
import type { formsEn } from './forms.en';

/** 七个阶段表单的文案（简体中文）。 */
export const formsZhCN: Messages<typeof formsEn> = {
  addItem: '添加',
  removeItem: '删除',
};
