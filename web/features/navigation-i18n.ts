/** Menu labels; each feature adds the label of its menu entry here, one per line. */
export const nav = {
  ru: {
    home: 'Главная',
    people: 'Люди школы',
    profile: 'Профиль',
    timetable: 'Расписание',
    setup: 'Настройка школы',
    imports: 'Импорт и письма',
  },
  en: {
    home: 'Home',
    people: 'People',
    profile: 'Profile',
    timetable: 'Timetable',
    setup: 'School set-up',
    imports: 'Import and letters',
  },
};
