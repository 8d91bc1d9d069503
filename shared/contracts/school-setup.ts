import { Type, type Static } from 'typebox';
import { Id, LocalDate, Name, Strict } from './common.js';
import { Page, pageFields, SearchText, type PageOf } from './paging.js';

/** Contracts of the school set-up: calendar, classes, groups, subjects, courses, bells, timetable, lessons. */

const Grade = Type.Integer({ minimum: 1, maximum: 11 });
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'local HH:MM' });
export const TermKind = Type.Union([Type.Literal('quarter'), Type.Literal('trimester'), Type.Literal('half')]);
export type TermKind = Static<typeof TermKind>;

export const SchoolParams = Strict({ schoolId: Id });

export const TermInput = Strict({
  kind: TermKind,
  number: Type.Integer({ minimum: 1, maximum: 4 }),
  name: Type.Optional(Type.String({ maxLength: 100 })),
  startsOn: LocalDate,
  endsOn: LocalDate,
  gradeFrom: Grade,
  gradeTo: Grade,
});
export type TermInput = Static<typeof TermInput>;

export const HolidayInput = Strict({
  name: Name,
  startsOn: LocalDate,
  endsOn: LocalDate,
  gradeFrom: Grade,
  gradeTo: Grade,
});
export type HolidayInput = Static<typeof HolidayInput>;

export const CalendarBody = Strict({
  terms: Type.Array(TermInput, { minItems: 1, maxItems: 40 }),
  holidays: Type.Array(HolidayInput, { maxItems: 40 }),
});
export type CalendarBody = Static<typeof CalendarBody>;

export const CreateYearBody = Strict({
  name: Type.String({ pattern: '^\\d{4}/\\d{4}$' }),
  startsOn: LocalDate,
  endsOn: LocalDate,
  terms: CalendarBody.properties.terms,
  holidays: CalendarBody.properties.holidays,
});
export type CreateYearBody = Static<typeof CreateYearBody>;

export const CreateClassBody = Strict({
  grade: Grade,
  letter: Type.String({ minLength: 1, maxLength: 3, pattern: '^[А-ЯЁA-Z0-9]+$' }),
  shift: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
  classTeacherPersonId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type CreateClassBody = Static<typeof CreateClassBody>;

export const UpdateClassBody = Strict(
  {
    shift: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
    classTeacherPersonId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { minProperties: 1 },
);
export type UpdateClassBody = Static<typeof UpdateClassBody>;

export const CreateGroupBody = Strict({ name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }) });
export type CreateGroupBody = Static<typeof CreateGroupBody>;

export const ClassMemberBody = Strict({ studentPersonId: Id, fromDate: LocalDate });
export type ClassMemberBody = Static<typeof ClassMemberBody>;

export const GroupMemberBody = Strict({
  studentPersonId: Id,
  fromDate: LocalDate,
  /** Moving from a sibling group: that membership closes the day before. */
  replacesGroupId: Type.Optional(Id),
});
export type GroupMemberBody = Static<typeof GroupMemberBody>;

export const SubjectBody = Strict({
  name: Name,
  shortName: Type.Optional(Type.String({ maxLength: 20 })),
  doubleMarks: Type.Optional(Type.Boolean()),
  passFail: Type.Optional(Type.Boolean()),
  noMarksGrade1: Type.Optional(Type.Boolean()),
});
export type SubjectBody = Static<typeof SubjectBody>;

export const UpdateSubjectBody = Strict(
  {
    name: Type.Optional(Name),
    shortName: Type.Optional(Type.String({ maxLength: 20 })),
    doubleMarks: Type.Optional(Type.Boolean()),
    passFail: Type.Optional(Type.Boolean()),
    noMarksGrade1: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);
export type UpdateSubjectBody = Static<typeof UpdateSubjectBody>;

export const CreateCourseBody = Strict({
  classId: Id,
  groupId: Type.Optional(Type.Union([Id, Type.Null()])),
  subjectId: Id,
  teacherPersonIds: Type.Array(Id, { minItems: 1, maxItems: 4, uniqueItems: true }),
  hoursPerWeek: Type.Number({ minimum: 0.5, maximum: 12, multipleOf: 0.5 }),
});
export type CreateCourseBody = Static<typeof CreateCourseBody>;

export const UpdateCourseBody = Strict(
  {
    teacherPersonIds: Type.Optional(CreateCourseBody.properties.teacherPersonIds),
    hoursPerWeek: Type.Optional(CreateCourseBody.properties.hoursPerWeek),
  },
  { minProperties: 1 },
);
export type UpdateCourseBody = Static<typeof UpdateCourseBody>;

export const BellsBody = Strict({
  shift: Type.Integer({ minimum: 1, maximum: 2 }),
  bells: Type.Array(Strict({ number: Type.Integer({ minimum: 0, maximum: 12 }), startsAt: Time, endsAt: Time }), { maxItems: 13 }),
});
export type BellsBody = Static<typeof BellsBody>;

export const SlotInput = Strict({
  weekday: Type.Integer({ minimum: 1, maximum: 6 }),
  number: Type.Integer({ minimum: 0, maximum: 12 }),
  courseId: Id,
  room: Type.Optional(Type.String({ maxLength: 20 })),
});
export type SlotInput = Static<typeof SlotInput>;

export const ClassTimetableBody = Strict({
  slots: Type.Array(SlotInput, { maxItems: 120 }),
  /** Lessons are regenerated from this date (default: tomorrow); earlier lessons stay as they are. */
  fromDate: Type.Optional(LocalDate),
});
export type ClassTimetableBody = Static<typeof ClassTimetableBody>;

export const GenerateLessonsBody = Strict({ fromDate: Type.Optional(LocalDate) });
export type GenerateLessonsBody = Static<typeof GenerateLessonsBody>;

export const MoveLessonBody = Strict({ date: LocalDate, number: Type.Integer({ minimum: 0, maximum: 12 }), room: Type.Optional(Type.String({ maxLength: 20 })) });
export type MoveLessonBody = Static<typeof MoveLessonBody>;

export const AddLessonBody = Strict({
  date: LocalDate,
  number: Type.Integer({ minimum: 0, maximum: 12 }),
  room: Type.Optional(Type.String({ maxLength: 20 })),
});
export type AddLessonBody = Static<typeof AddLessonBody>;

export const SubstituteBody = Strict({ teacherPersonId: Type.Union([Id, Type.Null()]) });
export type SubstituteBody = Static<typeof SubstituteBody>;

export const WeekQuery = Strict({
  /** Default: the first school the signed-in person belongs to. */
  schoolId: Type.Optional(Id),
  weekOf: Type.Optional(LocalDate),
  classId: Type.Optional(Id),
  teacherPersonId: Type.Optional(Id),
});
export type WeekQuery = Static<typeof WeekQuery>;

/** A clash of the weekly timetable: two slots at the same time sharing a teacher, a room or a class. */
export interface Clash {
  kind: 'teacher' | 'room' | 'class';
  weekday: number;
  number: number;
  /** Index of the offending slot in the request, when it came from one. */
  slotIndex: number | null;
  /** What the slot clashes with (another class's slot, or another slot of this request). */
  with: { className: string; subject: string; weekday: number; number: number };
  who: string;
}

export interface RegenerationReport {
  fromDate: string;
  created: number;
  removed: number;
  /** Lessons kept because they hold data (topic, homework, marks, attendance, files) or were changed by hand. */
  kept: Array<{
    lessonId: number;
    date: string;
    number: number;
    courseId: number;
    subject: string;
    className: string;
    /** topic, homework, marks, attendance, files (homework files), history (only deleted marks or files), manual, cancelled */
    reasons: string[];
    /** True when the new timetable has no such lesson: the school admin may want to move or cancel it. */
    outsideTimetable: boolean;
  }>;
}

/** The courses tab's list: a page of a year's courses, optionally of one class, searched by subject or teacher. */
export const CoursesQuery = Strict({
  ...pageFields,
  classId: Type.Optional(Id),
  q: Type.Optional(SearchText),
});
export type CoursesQuery = Static<typeof CoursesQuery>;

export const CourseListRow = Type.Object({
  id: Type.Integer(),
  classId: Type.Integer(),
  className: Type.String(),
  groupId: Type.Union([Type.Integer(), Type.Null()]),
  groupName: Type.Union([Type.String(), Type.Null()]),
  subjectId: Type.Integer(),
  subject: Type.String(),
  hoursPerWeek: Type.Number(),
  teachers: Type.Array(Type.Object({ personId: Type.Integer(), name: Type.String() })),
});
export type CourseListRow = Static<typeof CourseListRow>;
export const CoursePage = Page(CourseListRow);
export type CoursePage = PageOf<CourseListRow>;
