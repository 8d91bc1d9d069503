/** Menu labels; each feature adds the label of its menu entry here. */
export const nav = {
  ru: { home: 'Главная', journal: 'Журнал', myClass: 'Мой класс', journalControl: 'Контроль журнала', diary: 'Дневник', diaryFeed: 'Лента', diarySettings: 'Уведомления', diaryConfirmations: 'Просмотр дневников' },
  en: { home: 'Home', journal: 'Journal', myClass: 'My class', journalControl: 'Journal control', diary: 'Diary', diaryFeed: 'Feed', diarySettings: 'Notices', diaryConfirmations: 'Diary confirmations' },
};
