/** Menu labels; each feature adds the label of its menu entry here. */
export const nav = {
  ru: { home: 'Главная', people: 'Люди школы', profile: 'Профиль' },
  en: { home: 'Home', people: 'People', profile: 'Profile' },
  ru: { home: 'Главная', timetable: 'Расписание', setup: 'Настройка школы' },
  en: { home: 'Home', timetable: 'Timetable', setup: 'School set-up' },
};
