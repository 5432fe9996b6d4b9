/** Labels, hints and buttons of the seven stage forms (English). */
export const formsEn = {
  addItem: 'Add',
  removeItem: 'Remove',
} as const;
