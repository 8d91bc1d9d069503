import type { Generated } from 'kysely';

/** A school's academic year (учебный год), e.g. 2026/2027. */
export interface AcademicYearTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  starts_on: string;
  ends_on: string;
}

/**
 * A term (четверть, триместр, полугодие) for a range of grade levels, so that
 * grades 10–11 can keep halves while 1–9 keep quarters.
 */
export interface TermTable {
  id: Generated<number>;
  school_id: number;
  academic_year_id: number;
  kind: 'quarter' | 'trimester' | 'half';
  number: number;
  name: string;
  starts_on: string;
  ends_on: string;
  grade_from: number;
  grade_to: number;
}

/** Holidays (каникулы) for a range of grade levels (the extra February week is grade 1 only). */
export interface HolidayTable {
  id: Generated<number>;
  school_id: number;
  academic_year_id: number;
  name: string;
  starts_on: string;
  ends_on: string;
  grade_from: number;
  grade_to: number;
}

/** A class (5А) of one academic year. */
export interface SchoolClassTable {
  id: Generated<number>;
  school_id: number;
  academic_year_id: number;
  grade: number;
  letter: string;
  name: string;
  shift: number;
  class_teacher_person_id: number | null;
}

/** A student's membership of a class over dates; moving keeps the old row with its end date. */
export interface ClassMemberTable {
  id: Generated<number>;
  school_id: number;
  class_id: number;
  student_person_id: number;
  from_date: string;
  to_date: string | null;
}

/** A subgroup of a class (languages, IT, labour). */
export interface ClassGroupTable {
  id: Generated<number>;
  school_id: number;
  class_id: number;
  name: string;
}

export interface GroupMemberTable {
  id: Generated<number>;
  school_id: number;
  group_id: number;
  student_person_id: number;
  from_date: string;
  to_date: string | null;
}

export interface SubjectTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  short_name: string;
  /** Double marks such as 4/3 (Russian language, literature). */
  double_marks: number;
  /** Only «зач»/«незач». */
  pass_fail: number;
  /** No marks in grade 1 (the default everywhere). */
  no_marks_grade1: number;
}

/** A course (учебная нагрузка): class or group × subject, taught by one or more teachers. */
export interface CourseTable {
  id: Generated<number>;
  school_id: number;
  academic_year_id: number;
  class_id: number;
  group_id: number | null;
  subject_id: number;
  hours_per_week: number;
}

export interface CourseTeacherTable {
  id: Generated<number>;
  school_id: number;
  course_id: number;
  teacher_person_id: number;
}

/** The bell schedule (звонки) per shift. Times are local `HH:MM`. */
export interface BellTable {
  id: Generated<number>;
  school_id: number;
  shift: number;
  number: number;
  starts_at: string;
  ends_at: string;
}

/** One cell of the weekly timetable, valid over a date range (a change closes the old row). */
export interface TimetableSlotTable {
  id: Generated<number>;
  school_id: number;
  academic_year_id: number;
  weekday: number;
  number: number;
  course_id: number;
  room: string;
  valid_from: string;
  valid_to: string | null;
}

/** A dated lesson, generated from the timetable or added by hand; the journal writes its topic and homework. */
export interface LessonTable {
  id: Generated<number>;
  school_id: number;
  course_id: number;
  term_id: number;
  date: string;
  number: number;
  room: string;
  /** The teacher who gives this lesson (a substitute differs from the course's teacher). */
  teacher_person_id: number | null;
  status: 'scheduled' | 'cancelled';
  origin: 'timetable' | 'manual';
  topic: string;
  homework: string;
  work_type_id: number | null;
  is_control: number;
  topic_entered_at: string | null;
  homework_entered_at: string | null;
  /** Optimistic concurrency: bumped by every change of the lesson's own fields. */
  version: number;
}

export interface StructureTables {
  academic_years: AcademicYearTable;
  terms: TermTable;
  holidays: HolidayTable;
  classes: SchoolClassTable;
  class_members: ClassMemberTable;
  class_groups: ClassGroupTable;
  group_members: GroupMemberTable;
  subjects: SubjectTable;
  courses: CourseTable;
  course_teachers: CourseTeacherTable;
  bells: BellTable;
  timetable_slots: TimetableSlotTable;
  lessons: LessonTable;
}
