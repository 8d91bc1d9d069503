/**
 * Import and export formats: the columns of each list, their Russian header
 * (written on export, shown in the web wizard) and the English one also
 * accepted on import. docs/import-formats.md describes the same table.
 */
export const importKinds = ['students', 'staff', 'classes', 'courses', 'timetable'] as const;
export type ImportKind = (typeof importKinds)[number];

export interface ColumnSpec {
  key: string;
  ru: string;
  en: string;
  required: boolean;
  /** More spellings accepted on import (compared after normalising case, ё and punctuation). */
  aliases?: readonly string[];
}

const person = (required: boolean): ColumnSpec[] => [
  { key: 'externalId', ru: 'Внешний ID', en: 'External ID', required: false, aliases: ['идентификатор', 'id', 'код', 'снилс'] },
  { key: 'surname', ru: 'Фамилия', en: 'Surname', required: true, aliases: ['last name'] },
  { key: 'name', ru: 'Имя', en: 'Name', required: true, aliases: ['first name'] },
  { key: 'patronymic', ru: 'Отчество', en: 'Patronymic', required: false, aliases: ['middle name'] },
  { key: 'birthDate', ru: 'Дата рождения', en: 'Birth date', required, aliases: ['др', 'date of birth', 'birthdate'] },
];

const guardian = (n: 1 | 2): ColumnSpec[] => [
  { key: `g${n}Surname`, ru: `Родитель ${n}: фамилия`, en: `Guardian ${n} surname`, required: false, aliases: [`представитель ${n} фамилия`] },
  { key: `g${n}Name`, ru: `Родитель ${n}: имя`, en: `Guardian ${n} name`, required: false, aliases: [`представитель ${n} имя`] },
  { key: `g${n}Patronymic`, ru: `Родитель ${n}: отчество`, en: `Guardian ${n} patronymic`, required: false, aliases: [`представитель ${n} отчество`] },
  { key: `g${n}Relation`, ru: `Родитель ${n}: кем приходится`, en: `Guardian ${n} relation`, required: false, aliases: [`родитель ${n} степень родства`] },
  { key: `g${n}Phone`, ru: `Родитель ${n}: телефон`, en: `Guardian ${n} phone`, required: false },
  { key: `g${n}Email`, ru: `Родитель ${n}: email`, en: `Guardian ${n} email`, required: false, aliases: [`родитель ${n} эл почта`, `родитель ${n} e-mail`] },
];

const classCol: ColumnSpec = { key: 'class', ru: 'Класс', en: 'Class', required: true };
const groupCol: ColumnSpec = { key: 'group', ru: 'Группа', en: 'Group', required: false, aliases: ['подгруппа'] };
const subjectCol: ColumnSpec = { key: 'subject', ru: 'Предмет', en: 'Subject', required: true };

export const importColumns: Record<ImportKind, ColumnSpec[]> = {
  students: [...person(true), classCol, ...guardian(1), ...guardian(2)],
  staff: [
    ...person(false),
    { key: 'position', ru: 'Должность', en: 'Position', required: false },
    { key: 'roles', ru: 'Роли', en: 'Roles', required: true, aliases: ['роль', 'role'] },
    { key: 'phone', ru: 'Телефон', en: 'Phone', required: false },
    { key: 'email', ru: 'Email', en: 'Email', required: false, aliases: ['эл почта', 'e-mail'] },
  ],
  classes: [
    classCol,
    { key: 'shift', ru: 'Смена', en: 'Shift', required: false },
    { key: 'classTeacher', ru: 'Классный руководитель', en: 'Class teacher', required: false },
  ],
  courses: [
    classCol,
    groupCol,
    subjectCol,
    { key: 'teacher', ru: 'Учитель', en: 'Teacher', required: true },
    { key: 'hours', ru: 'Часов в неделю', en: 'Hours per week', required: false, aliases: ['часы', 'hours'] },
  ],
  timetable: [
    classCol,
    groupCol,
    { key: 'weekday', ru: 'День недели', en: 'Weekday', required: true, aliases: ['день', 'day'] },
    { key: 'number', ru: 'Номер урока', en: 'Lesson number', required: true, aliases: ['урок', 'lesson'] },
    subjectCol,
    { key: 'teacher', ru: 'Учитель', en: 'Teacher', required: false },
    { key: 'room', ru: 'Кабинет', en: 'Room', required: false, aliases: ['каб'] },
  ],
};

/** Why a row (or the file) was refused; the web client translates each code. */
export const importProblemCodes = [
  'file_empty',
  'file_unreadable',
  'missing_column',
  'no_rows',
  'no_academic_year',
  'required',
  'bad_date',
  'impossible_date',
  'bad_class_name',
  'unknown_class',
  'unknown_group',
  'unknown_subject',
  'unknown_teacher',
  'ambiguous_teacher',
  'unknown_course',
  'duplicate_in_file',
  'duplicate_in_db',
  'bad_relation',
  'unknown_role',
  'bad_number',
  'bad_weekday',
  'bad_email',
  'guardian_incomplete',
] as const;
export type ImportProblemCode = (typeof importProblemCodes)[number];

/**
 * At most this many problems are listed in an import report (the first ones by row); the counts
 * and the per-column summary stay exact. A file with one systematic mistake repeats it on every
 * row: 100 000 listed problems would be a response of megabytes and a table no phone or PC
 * browser can draw, while the secretary needs the summary and a few examples to fix the file.
 */
export const IMPORT_PROBLEMS_LISTED = 500;

/** How many row numbers each summary entry names («rows 2, 3, 4, 5, 6 …»): enough to find the pattern. */
export const IMPORT_SUMMARY_ROWS = 5;

/** A listed problem quotes at most this many characters of its cell: a pasted essay in every cell must not make the report megabytes long. */
export const IMPORT_VALUE_QUOTED = 200;

/** Staff roles an import may grant, with the Russian words schools write. */
export const importableRoles: Record<string, 'director' | 'school_admin' | 'deputy' | 'teacher'> = {
  director: 'director',
  директор: 'director',
  school_admin: 'school_admin',
  администратор: 'school_admin',
  'ответственный за эжд': 'school_admin',
  deputy: 'deputy',
  завуч: 'deputy',
  заместитель: 'deputy',
  'заместитель директора': 'deputy',
  teacher: 'teacher',
  учитель: 'teacher',
  педагог: 'teacher',
};
