/** Catalog section `report.*` (English). */
export const reportEn = {
  title: 'Evaluation report',
} as const;
