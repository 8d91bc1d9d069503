/** Menu labels; each feature adds the label of its menu entry here. */
export const nav = {
  ru: { home: 'Главная' },
  en: { home: 'Home' },
};
