/** Catalog section `live.*` (English). */
export const liveEn = {
  title: 'Operating',
} as const;
