/**
 * Test data for a school's year, classes, courses and lessons, inserted
 * directly so that tests of later modules do not depend on the set-up screens.
 */
import type { AppContext } from '../context.js';
import { makePerson } from './factories.js';

export const QUARTERS_2026 = [
  { number: 1, name: '1 четверть', starts_on: '2026-09-01', ends_on: '2026-10-24' },
  { number: 2, name: '2 четверть', starts_on: '2026-11-03', ends_on: '2026-12-28' },
  { number: 3, name: '3 четверть', starts_on: '2027-01-12', ends_on: '2027-03-20' },
  { number: 4, name: '4 четверть', starts_on: '2027-03-30', ends_on: '2027-05-26' },
] as const;

export async function makeSchoolYear(ctx: AppContext, schoolId: number) {
  const db = ctx.db.kysely;
  const { id: yearId } = await db
    .insertInto('academic_years')
    .values({ school_id: schoolId, name: '2026/2027', starts_on: '2026-09-01', ends_on: '2027-05-31' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const termIds: number[] = [];
  for (const q of QUARTERS_2026) {
    const { id } = await db
      .insertInto('terms')
      .values({ school_id: schoolId, academic_year_id: yearId, kind: 'quarter', grade_from: 1, grade_to: 11, ...q })
      .returning('id')
      .executeTakeFirstOrThrow();
    termIds.push(id);
  }
  return { yearId, termIds };
}

export async function makeClass(
  ctx: AppContext,
  schoolId: number,
  yearId: number,
  options: { grade?: number; letter?: string; students?: number; from?: string; classTeacherPersonId?: number | null } = {},
) {
  const db = ctx.db.kysely;
  const grade = options.grade ?? 5;
  const letter = options.letter ?? 'А';
  const { id: classId } = await db
    .insertInto('classes')
    .values({
      school_id: schoolId,
      academic_year_id: yearId,
      grade,
      letter,
      name: `${grade}${letter}`,
      shift: 1,
      class_teacher_person_id: options.classTeacherPersonId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const studentIds: number[] = [];
  const from = options.from ?? '2026-09-01';
  for (let i = 0; i < (options.students ?? 3); i++) {
    const personId = await makePerson(ctx, { surname: `Ученик${String(i + 1).padStart(2, '0')}`, name: `Класс${grade}${letter}` });
    await db.insertInto('enrolments').values({ school_id: schoolId, person_id: personId, started_on: from, ended_on: null, end_reason: null }).execute();
    await db
      .insertInto('class_members')
      .values({ school_id: schoolId, class_id: classId, student_person_id: personId, from_date: from, to_date: null })
      .execute();
    studentIds.push(personId);
  }
  return { classId, studentIds };
}

export async function makeSubject(ctx: AppContext, schoolId: number, name = 'Математика', options: { doubleMarks?: boolean; passFail?: boolean } = {}) {
  const { id } = await ctx.db.kysely
    .insertInto('subjects')
    .values({
      school_id: schoolId,
      name,
      short_name: name.slice(0, 10),
      double_marks: options.doubleMarks ? 1 : 0,
      pass_fail: options.passFail ? 1 : 0,
      no_marks_grade1: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function makeCourse(
  ctx: AppContext,
  options: { schoolId: number; yearId: number; classId: number; subjectId: number; teacherPersonId: number; groupId?: number | null; hoursPerWeek?: number },
) {
  const db = ctx.db.kysely;
  const { id: courseId } = await db
    .insertInto('courses')
    .values({
      school_id: options.schoolId,
      academic_year_id: options.yearId,
      class_id: options.classId,
      group_id: options.groupId ?? null,
      subject_id: options.subjectId,
      hours_per_week: options.hoursPerWeek ?? 4,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('course_teachers').values({ school_id: options.schoolId, course_id: courseId, teacher_person_id: options.teacherPersonId }).execute();
  return courseId;
}

export async function makeLessons(
  ctx: AppContext,
  options: { schoolId: number; courseId: number; termId: number; teacherPersonId: number; dates: string[]; number?: number },
) {
  const ids: number[] = [];
  for (const date of options.dates) {
    const { id } = await ctx.db.kysely
      .insertInto('lessons')
      .values({
        school_id: options.schoolId,
        course_id: options.courseId,
        term_id: options.termId,
        date,
        number: options.number ?? 1,
        room: '101',
        teacher_person_id: options.teacherPersonId,
        status: 'scheduled',
        origin: 'timetable',
        topic: '',
        homework: '',
        work_type_id: null,
        is_control: 0,
        topic_entered_at: null,
        homework_entered_at: null,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

/** One school with a year, a class of `students` pupils, a subject, a teacher and a course: the usual fixture. */
export async function makeCourseFixture(ctx: AppContext, schoolId: number, options: { students?: number; grade?: number } = {}) {
  const { yearId, termIds } = await makeSchoolYear(ctx, schoolId);
  const { classId, studentIds } = await makeClass(ctx, schoolId, yearId, { students: options.students ?? 3, grade: options.grade });
  const subjectId = await makeSubject(ctx, schoolId);
  const teacherPersonId = await makePerson(ctx, { surname: 'Учителева', name: 'Анна', patronymic: 'Петровна' });
  const courseId = await makeCourse(ctx, { schoolId, yearId, classId, subjectId, teacherPersonId });
  return { yearId, termIds, classId, studentIds, subjectId, teacherPersonId, courseId };
}
