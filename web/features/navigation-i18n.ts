/** Menu labels; each feature adds the label of its menu entry here, one per line. */
export const nav = {
  ru: {
    monitoring: 'Мониторинг',
    journalControl: 'Контроль журнала',
    myClass: 'Мой класс',
    journal: 'Журнал',
    home: 'Главная',
    people: 'Люди школы',
    profile: 'Профиль',
    timetable: 'Расписание',
    setup: 'Настройка школы',
    imports: 'Импорт и письма',
  },
  en: {
    monitoring: 'Monitoring',
    journalControl: 'Journal control',
    myClass: 'My class',
    journal: 'Journal',
    home: 'Home',
    people: 'People',
    profile: 'Profile',
    timetable: 'Timetable',
    setup: 'School set-up',
    imports: 'Import and letters',
  },
};
