/**
 * Weekly hours per subject for each grade of the demo (after the federal basic
 * curriculum, five-day week). Subjects of grades 1–4 that only primary
 * teachers teach are named here besides `subjectNames`.
 */
export const primaryOnlySubjects = ['Литературное чтение', 'Окружающий мир'] as const;

/** Subjects taught in two groups (halves of the class) in grades 5–11. */
export const groupSubjects = ['Английский язык', 'Информатика'] as const;

/** Subjects whose marks may be double (4/3). */
export const doubleMarkSubjects = ['Русский язык', 'Литература'] as const;

const primary = (english: number): Record<string, number> => ({
  'Русский язык': 5,
  'Литературное чтение': 4,
  ...(english ? { 'Английский язык': english } : {}),
  Математика: 4,
  'Окружающий мир': 2,
  Музыка: 1,
  'Изобразительное искусство': 1,
  Технология: 1,
  'Физическая культура': 2,
});

const senior: Record<string, number> = {
  'Русский язык': 2,
  Литература: 3,
  'Английский язык': 3,
  Алгебра: 3,
  Геометрия: 2,
  Информатика: 1,
  История: 2,
  Обществознание: 2,
  География: 1,
  Биология: 1,
  Физика: 2,
  Химия: 1,
  ОБЖ: 1,
  'Физическая культура': 2,
};

export const curricula: Record<number, Record<string, number>> = {
  1: primary(0),
  2: primary(2),
  3: primary(2),
  4: primary(2),
  5: { 'Русский язык': 5, Литература: 3, 'Английский язык': 3, Математика: 5, История: 2, География: 1, Биология: 1, Музыка: 1, 'Изобразительное искусство': 1, Технология: 2, 'Физическая культура': 2 },
  6: { 'Русский язык': 6, Литература: 3, 'Английский язык': 3, Математика: 5, История: 2, Обществознание: 1, География: 1, Биология: 1, Музыка: 1, 'Изобразительное искусство': 1, Технология: 2, 'Физическая культура': 2 },
  7: { 'Русский язык': 4, Литература: 2, 'Английский язык': 3, Алгебра: 3, Геометрия: 2, Информатика: 1, История: 2, Обществознание: 1, География: 2, Биология: 1, Физика: 2, Музыка: 1, Технология: 2, 'Физическая культура': 2 },
  8: { 'Русский язык': 3, Литература: 2, 'Английский язык': 3, Алгебра: 3, Геометрия: 2, Информатика: 1, История: 2, Обществознание: 1, География: 2, Биология: 2, Физика: 2, Химия: 2, Технология: 1, ОБЖ: 1, 'Физическая культура': 2 },
  9: { 'Русский язык': 3, Литература: 3, 'Английский язык': 3, Алгебра: 3, Геометрия: 2, Информатика: 1, История: 2, Обществознание: 1, География: 2, Биология: 2, Физика: 3, Химия: 2, ОБЖ: 1, 'Физическая культура': 2 },
  10: senior,
  11: senior,
};

/** Lessons a class of the grade may have in one day. */
export function maxLessonsPerDay(grade: number): number {
  return grade === 1 ? 5 : grade <= 4 ? 5 : grade <= 6 ? 6 : 7;
}

/** Bells: 45-minute lessons (grade 1 keeps them too, for simplicity); the second shift starts after the first ends. */
export const demoBells: Record<number, Array<{ number: number; starts_at: string; ends_at: string }>> = {
  1: [
    ['08:00', '08:45'], ['08:55', '09:40'], ['09:55', '10:40'], ['11:00', '11:45'], ['11:55', '12:40'], ['12:50', '13:35'], ['13:45', '14:30'],
  ].map(([s, e], i) => ({ number: i + 1, starts_at: s!, ends_at: e! })),
  2: [
    ['14:40', '15:25'], ['15:35', '16:20'], ['16:30', '17:15'], ['17:25', '18:10'], ['18:20', '19:05'], ['19:15', '20:00'],
  ].map(([s, e], i) => ({ number: i + 1, starts_at: s!, ends_at: e! })),
};
