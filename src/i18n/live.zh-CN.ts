import type { Messages } from './en';
import type { liveEn } from './live.en';

/** 文案：`live.*`（简体中文）。 */
export const liveZhCN: Messages<typeof liveEn> = {
  title: '运营',
};
