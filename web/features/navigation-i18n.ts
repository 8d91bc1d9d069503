/** Menu labels; each feature adds the label of its menu entry here. */
export const nav = {
  ru: { home: 'Главная', journal: 'Журнал', myClass: 'Мой класс', journalControl: 'Контроль журнала', control: 'Контроль', reports: 'Отчёты' },
  en: { home: 'Home', journal: 'Journal', myClass: 'My class', journalControl: 'Journal control', control: 'Internal control', reports: 'Reports' },
};
