/** Menu labels; each feature adds the label of its menu entry here. */
export const nav = {
  ru: { home: 'Главная', imports: 'Импорт и письма' },
  en: { home: 'Home', imports: 'Import and letters' },
};
