/** Menu labels; each feature adds the label of its menu entry here. */
export const nav = {
  ru: { home: 'Главная', monitoring: 'Мониторинг' },
  en: { home: 'Home', monitoring: 'Monitoring' },
};
