import type { Messages } from './en';
import type { transferEn } from './transfer.en';

/** 文案：`transfer.*`（简体中文）。 */
export const transferZhCN: Messages<typeof transferEn> = {
  title: '导入与导出',
};
