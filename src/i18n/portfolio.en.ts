/** Catalog section `portfolio.*`: the whole portfolio on one board (English). */
export const portfolioEn = {
  title: 'Portfolio',
} as const;
