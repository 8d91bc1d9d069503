/** SQL of the reports: marks, term and year marks, attendance and lessons of a class or a school. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export function findClass(db: Q, classId: number) {
  return db
    .selectFrom('classes')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .innerJoin('academic_years as y', 'y.id', 'classes.academic_year_id')
    .select([
      'classes.id', 'classes.school_id', 'classes.name', 'classes.grade', 'classes.academic_year_id', 'classes.class_teacher_person_id',
      'y.name as year_name', 'y.starts_on as year_starts', 'y.ends_on as year_ends', 'schools.name as school_name', 'schools.region_id', 'schools.municipality_id', 'schools.settings',
    ])
    .where('classes.id', '=', classId)
    .executeTakeFirst();
}
export type ClassRow = NonNullable<Awaited<ReturnType<typeof findClass>>>;

export function findYear(db: Q, yearId: number) {
  return db.selectFrom('academic_years').selectAll().where('id', '=', yearId).executeTakeFirst();
}

export function termsOfYear(db: Q, yearId: number) {
  return db.selectFrom('terms').selectAll().where('academic_year_id', '=', yearId).orderBy('starts_on').orderBy('id').execute();
}

export function classesOfYear(db: Q, schoolId: number, yearId: number) {
  return db.selectFrom('classes').select(['id', 'name', 'grade']).where('school_id', '=', schoolId).where('academic_year_id', '=', yearId).orderBy('grade').orderBy('letter').execute();
}

/** Pupils of a class at any time within [from, to], alphabetical, with their membership dates. */
export function classPupils(db: Q, classId: number, from: string, to: string) {
  return db
    .selectFrom('class_members as m')
    .innerJoin('persons as p', 'p.id', 'm.student_person_id')
    .select(['p.id', 'p.surname', 'p.name', 'p.patronymic', 'm.from_date', 'm.to_date'])
    .where('m.class_id', '=', classId)
    .where('m.from_date', '<=', to)
    .where((eb) => eb.or([eb('m.to_date', 'is', null), eb('m.to_date', '>=', from)]))
    .orderBy('p.surname')
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}

/** Courses of classes of one school (the school's id lets the query use its index and stay on its shard). */
export function classCourses(db: Q, schoolId: number, classIds: number[]) {
  if (classIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('courses')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select(['courses.id', 'courses.class_id', 'courses.group_id', 'courses.subject_id', 'subjects.name as subject', 'class_groups.name as group_name', 'courses.hours_per_week'])
    .where('courses.school_id', '=', schoolId)
    .where('courses.class_id', 'in', classIds)
    .orderBy('subjects.name')
    .orderBy('courses.id')
    .execute();
}

export async function teacherNames(db: Q, courseIds: number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (courseIds.length === 0) return result;
  const rows = await db
    .selectFrom('course_teachers as ct')
    .innerJoin('persons as p', 'p.id', 'ct.teacher_person_id')
    .select(['ct.course_id', 'p.surname', 'p.name', 'p.patronymic'])
    .where('ct.course_id', 'in', courseIds)
    .orderBy('ct.id')
    .execute();
  for (const r of rows) {
    const short = `${r.surname} ${r.name.slice(0, 1)}.${r.patronymic ? ` ${r.patronymic.slice(0, 1)}.` : ''}`;
    result.set(r.course_id, [...(result.get(r.course_id) ?? []), short]);
  }
  return result;
}

export function termMarks(db: Q, courseIds: number[], termIds: number[]) {
  if (courseIds.length === 0 || termIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('term_marks').select(['course_id', 'term_id', 'student_person_id', 'value']).where('course_id', 'in', courseIds).where('term_id', 'in', termIds).execute();
}

export function yearMarks(db: Q, courseIds: number[], yearId: number) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('year_marks').select(['course_id', 'student_person_id', 'value']).where('course_id', 'in', courseIds).where('academic_year_id', '=', yearId).execute();
}

export function groupMembers(db: Q, groupIds: number[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_members').select(['group_id', 'student_person_id', 'from_date', 'to_date']).where('group_id', 'in', groupIds).execute();
}

/** Lessons held (not cancelled) of these courses within the dates. */
export function lessonsOf(db: Q, courseIds: number[], from: string, to: string) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lessons')
    .select(['id', 'course_id', 'term_id', 'date', 'number', 'topic', 'homework'])
    .where('course_id', 'in', courseIds)
    .where('status', '=', 'scheduled')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('number')
    .orderBy('id')
    .execute();
}

export function attendanceOf(db: Q, courseIds: number[], from: string, to: string) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attendance')
    .innerJoin('lessons', 'lessons.id', 'attendance.lesson_id')
    .select(['attendance.lesson_id', 'attendance.student_person_id', 'attendance.code'])
    .where('lessons.course_id', 'in', courseIds)
    .where('lessons.status', '=', 'scheduled')
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .execute();
}

export function marksOf(db: Q, courseIds: number[], from: string, to: string) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('marks')
    .innerJoin('lessons', 'lessons.id', 'marks.lesson_id')
    .select(['marks.lesson_id', 'marks.student_person_id', 'marks.value'])
    .where('lessons.course_id', 'in', courseIds)
    .where('marks.deleted', '=', 0)
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .orderBy('marks.id')
    .execute();
}

export function subjectOfSchool(db: Q, subjectId: number) {
  return db.selectFrom('subjects').select(['id', 'school_id', 'name']).where('id', '=', subjectId).executeTakeFirst();
}

export function subjectsOfSchool(db: Q, schoolId: number) {
  return db.selectFrom('subjects').select(['id', 'name']).where('school_id', '=', schoolId).orderBy('name').execute();
}

export function findPerson(db: Q, personId: number) {
  return db.selectFrom('persons').select(['id', 'surname', 'name', 'patronymic']).where('id', '=', personId).executeTakeFirst();
}

export function teachersOfSchool(db: Q, schoolId: number, yearId: number) {
  return db
    .selectFrom('course_teachers as ct')
    .innerJoin('courses', 'courses.id', 'ct.course_id')
    .innerJoin('persons as p', 'p.id', 'ct.teacher_person_id')
    .select(['p.id', 'p.surname', 'p.name', 'p.patronymic'])
    .distinct()
    .where('courses.school_id', '=', schoolId)
    .where('courses.academic_year_id', '=', yearId)
    .orderBy('p.surname')
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}

/** The school's academic years that overlap a period. */
export function yearsOverlapping(db: Q, schoolId: number, from: string, to: string) {
  return db.selectFrom('academic_years').select('id').where('school_id', '=', schoolId).where('starts_on', '<=', to).where('ends_on', '>=', from).execute();
}
