import { Type, type Static } from 'typebox';
import { attendanceCodes, type AttendanceCode } from '../journal/marks.js';
import { Id, LocalDate, Strict } from './common.js';
import { pageFields, type PageOf } from './paging.js';

const Reason = Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });
const MarkValue = Type.String({ minLength: 1, maxLength: 10 });
/** 0 means "I expect no value yet" (a new attendance or term mark). */
const Version = Type.Integer({ minimum: 0 });

export const MarkChange = Strict({
  kind: Type.Literal('mark'),
  lessonId: Id,
  studentId: Id,
  /** Absent: a new mark in the cell. Present: change (value) or delete (value null) of that mark. */
  markId: Type.Optional(Id),
  version: Type.Optional(Version),
  value: Type.Union([MarkValue, Type.Null()]),
  workTypeId: Type.Optional(Type.Union([Id, Type.Null()])),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
  reason: Type.Optional(Reason),
});

export const AttendanceChange = Strict({
  kind: Type.Literal('attendance'),
  lessonId: Id,
  studentId: Id,
  version: Version,
  code: Type.Union([Type.Unsafe<AttendanceCode>(Type.String({ enum: [...attendanceCodes] })), Type.Null()]),
  reason: Type.Optional(Reason),
});

export const TermMarkChange = Strict({
  kind: Type.Literal('termMark'),
  courseId: Id,
  termId: Id,
  studentId: Id,
  version: Version,
  value: Type.Union([MarkValue, Type.Null()]),
  reason: Type.Optional(Reason),
});

/** The year mark of a pupil in a course (the course's academic year); locked with the year's last term. */
export const YearMarkChange = Strict({
  kind: Type.Literal('yearMark'),
  courseId: Id,
  studentId: Id,
  version: Version,
  value: Type.Union([MarkValue, Type.Null()]),
  reason: Type.Optional(Reason),
});

export const JournalChange = Type.Union([MarkChange, AttendanceChange, TermMarkChange, YearMarkChange]);
export type JournalChange = Static<typeof JournalChange>;

export const WriteBody = Strict({ changes: Type.Array(JournalChange, { minItems: 1, maxItems: 500 }) });
export type WriteBody = Static<typeof WriteBody>;

/** What each change became: the row's id (marks) and its new version; null after a delete. */
export const WriteResult = Type.Object({
  results: Type.Array(Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), version: Type.Integer(), value: Type.Union([Type.String(), Type.Null()]) })),
});
export type WriteResult = Static<typeof WriteResult>;

export const LessonPatch = Strict({
  version: Type.Integer({ minimum: 1 }),
  topic: Type.Optional(Type.String({ maxLength: 500 })),
  homework: Type.Optional(Type.String({ maxLength: 4000 })),
  workTypeId: Type.Optional(Type.Union([Id, Type.Null()])),
  isControl: Type.Optional(Type.Boolean()),
  reason: Type.Optional(Reason),
});
export type LessonPatch = Static<typeof LessonPatch>;

export const LessonView = Type.Object({
  id: Type.Integer(),
  date: Type.String(),
  number: Type.Integer(),
  topic: Type.String(),
  homework: Type.String(),
  workTypeId: Type.Union([Type.Integer(), Type.Null()]),
  isControl: Type.Boolean(),
  version: Type.Integer(),
  files: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), size: Type.Integer(), mime: Type.String() })),
});
export type LessonView = Static<typeof LessonView>;

export const GridQuery = Strict({ termId: Type.Optional(Id) });

/**
 * The course journal for a term, in a compact shape (the hottest read):
 * rows are arrays; lesson and student positions index `lessons` and `students`.
 * lessons: [id, date, number, topic, homework, workTypeId|0, isControl 0/1, version, files]
 * students: [personId, "Surname N."]
 * marks: [id, lessonIndex, studentIndex, value, workTypeId|0, weight, version, comment?]
 * attendance: [lessonIndex, studentIndex, code, version]
 * termMarks: [studentIndex, value, version]
 * averages: per student index [average|null, suggestion]
 * year: only on the last term of the course's year (null otherwise):
 *   marks [studentIndex, value, version], and per student index the year mark
 *   suggested from the term marks (null while the pupil has none)
 */
export interface GridView {
  course: { id: number; schoolId: number; classId: number; name: string; className: string; subject: string; group: string | null };
  scale: { plusMinus: boolean; doubleMarks: boolean; passFail: boolean; noMarks: boolean };
  term: { id: number; name: string; startsOn: string; endsOn: string; locked: boolean };
  terms: Array<[number, string]>;
  workTypes: Array<[number, string, number]>;
  lessons: Array<[number, string, number, string, string, number, number, number, number]>;
  students: Array<[number, string]>;
  marks: Array<[number, number, number, string, number, number, number] | [number, number, number, string, number, number, number, string]>;
  attendance: Array<[number, number, string, number]>;
  termMarks: Array<[number, string, number]>;
  averages: Array<[number | null, string]>;
  year: { id: number; marks: Array<[number, string, number]>; suggestions: Array<string | null> } | null;
  canWrite: boolean;
}

export const LockBody = Strict({
  termId: Id,
  scope: Type.Union([Type.Literal('course'), Type.Literal('class'), Type.Literal('school')]),
  courseId: Type.Optional(Id),
  classId: Type.Optional(Id),
});
export type LockBody = Static<typeof LockBody>;

export const HistoryQuery = Strict({
  lessonId: Type.Optional(Id),
  studentId: Type.Optional(Id),
  courseId: Type.Optional(Id),
  termId: Type.Optional(Id),
  /** With courseId and studentId: the history of the year mark. */
  yearMark: Type.Optional(Type.Boolean()),
});
export type HistoryQuery = Static<typeof HistoryQuery>;

export interface HistoryEntry {
  seq: number;
  at: string;
  entity: string;
  action: string;
  old: unknown;
  new: unknown;
  reason: string;
  actor: string;
}

export interface CorrectionView {
  id: number;
  termId: number;
  courseId: number;
  course: string;
  entity: string;
  student: string | null;
  lessonDate: string | null;
  oldValue: string | null;
  newValue: string | null;
  reason: string;
  madeBy: string;
  madeAt: string;
  acknowledgedAt: string | null;
}

/** The deputy's corrections, newest first, a page at a time (the acknowledged ones too with all=true). */
export const CorrectionsQuery = Strict({ all: Type.Optional(Type.Boolean()), ...pageFields });
export type CorrectionsQuery = Static<typeof CorrectionsQuery>;
export type CorrectionPage = PageOf<CorrectionView>;

export interface LockView {
  id: number;
  termId: number;
  term: string;
  scope: 'course' | 'class' | 'school';
  classId: number | null;
  courseId: number | null;
  lockedAt: string;
}

export interface HomeLesson {
  lessonId: number;
  courseId: number;
  termId: number;
  date: string;
  number: number;
  className: string;
  subject: string;
  topic: string;
  missingTopic: boolean;
  missingAttendance: boolean;
}

export interface TeacherHomeView {
  today: string;
  todayLessons: HomeLesson[];
  incomplete: HomeLesson[];
  /** The teacher's courses, for the journal's index. */
  courses: Array<{ courseId: number; className: string; subject: string }>;
}

export const ClassWeekQuery = Strict({ week: Type.Optional(LocalDate) });

export interface ClassOverviewView {
  classId: number;
  className: string;
  weekStart: string;
  /** Null where the week would leave the class's academic year. */
  prevWeek: string | null;
  nextWeek: string | null;
  /** The term whose averages and term marks are shown: the viewed week's (never one not begun yet). */
  termName: string | null;
  courses: Array<{ id: number; subject: string; group: string | null; termId: number | null }>;
  students: Array<[number, string]>;
  /** [studentIndex, date, number, subject, code] */
  attendance: Array<[number, string, number, string, string]>;
  /** [studentIndex, courseIndex, average|null, termMark|null, yearMark|null] */
  averages: Array<[number, number, number | null, string | null, string | null]>;
}

export interface ControlView {
  terms: Array<{ id: number; name: string; startsOn: string; endsOn: string }>;
  classes: Array<{ id: number; name: string }>;
  locks: LockView[];
}
