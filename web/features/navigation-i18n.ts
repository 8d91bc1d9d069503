/** Menu labels; each feature adds the label of its menu entry here. */
export const nav = {
  ru: { home: 'Главная', timetable: 'Расписание', setup: 'Настройка школы' },
  en: { home: 'Home', timetable: 'Timetable', setup: 'School set-up' },
};
