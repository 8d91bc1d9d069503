/** Menu labels; each feature adds the label of its menu entry here. */
export const nav = {
  ru: { home: 'Главная', control: 'Контроль', reports: 'Отчёты' },
  en: { home: 'Home', control: 'Internal control', reports: 'Reports' },
};
