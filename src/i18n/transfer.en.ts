/** Catalog section `transfer.*`: import and export (English). */
export const transferEn = {
  title: 'Import and export',
} as const;
