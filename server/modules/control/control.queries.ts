/** SQL of internal control: per-course figures of the journal, remarks. Same queries on SQLite and PostgreSQL. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export function findSchool(db: Q, schoolId: number) {
  return db.selectFrom('schools').select(['id', 'name', 'region_id', 'municipality_id', 'settings']).where('id', '=', schoolId).executeTakeFirst();
}

/** The school's academic year holding `date`, else the latest one that started before it, else the first. */
export async function yearFor(db: Q, schoolId: number, date: string) {
  const years = await db.selectFrom('academic_years').selectAll().where('school_id', '=', schoolId).orderBy('starts_on').execute();
  return years.find((y) => y.starts_on <= date && y.ends_on >= date) ?? [...years].reverse().find((y) => y.starts_on <= date) ?? years[0];
}

export function termsOfYear(db: Q, yearId: number) {
  return db.selectFrom('terms').selectAll().where('academic_year_id', '=', yearId).orderBy('starts_on').orderBy('grade_from').orderBy('id').execute();
}

export function findTerm(db: Q, termId: number) {
  return db.selectFrom('terms').selectAll().where('id', '=', termId).executeTakeFirst();
}

/** Each (teacher, course) pair of the year, optionally of one teacher. */
export function courseTeachers(db: Q, schoolId: number, yearId: number, teacherId?: number) {
  let query = db
    .selectFrom('courses')
    .innerJoin('course_teachers as ct', 'ct.course_id', 'courses.id')
    .innerJoin('persons as t', 't.id', 'ct.teacher_person_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select([
      'courses.id as course_id', 'courses.class_id', 'courses.group_id', 'courses.hours_per_week', 'ct.teacher_person_id', 't.surname', 't.name', 't.patronymic',
      'subjects.name as subject', 'classes.name as class_name', 'classes.grade', 'class_groups.name as group_name',
    ])
    .where('courses.school_id', '=', schoolId)
    .where('courses.academic_year_id', '=', yearId);
  if (teacherId !== undefined) query = query.where('ct.teacher_person_id', '=', teacherId);
  return query.orderBy('t.surname').orderBy('t.name').orderBy('classes.grade').orderBy('classes.letter').orderBy('subjects.name').execute();
}

/** Per course: past lessons, and how many have a topic, homework, and any attendance or mark written. */
export function lessonFigures(db: Q, schoolId: number, from: string, to: string) {
  return db
    .selectFrom('lessons')
    .select([
      'lessons.course_id',
      (eb) => eb.fn.countAll<number>().as('lessons'),
      sql<number>`sum(case when lessons.topic <> '' then 1 else 0 end)`.as('with_topic'),
      sql<number>`sum(case when lessons.homework <> '' then 1 else 0 end)`.as('with_homework'),
      sql<number>`sum(case when exists (select 1 from attendance a where a.lesson_id = lessons.id) or exists (select 1 from marks m where m.lesson_id = lessons.id and m.deleted = 0) then 1 else 0 end)`.as('with_attendance'),
      sql<string | null>`max(lessons.topic_entered_at)`.as('last_topic'),
    ])
    .where('lessons.school_id', '=', schoolId)
    .where('lessons.status', '=', 'scheduled')
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .groupBy('lessons.course_id')
    .execute();
}

export function markFigures(db: Q, schoolId: number, from: string, to: string) {
  return db
    .selectFrom('marks')
    .innerJoin('lessons', 'lessons.id', 'marks.lesson_id')
    .select(['lessons.course_id', (eb) => eb.fn.countAll<number>().as('marks'), sql<string | null>`max(marks.entered_at)`.as('last_mark')])
    .where('marks.school_id', '=', schoolId)
    .where('marks.deleted', '=', 0)
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .groupBy('lessons.course_id')
    .execute();
}

export function attendanceLast(db: Q, schoolId: number, from: string, to: string) {
  return db
    .selectFrom('attendance')
    .innerJoin('lessons', 'lessons.id', 'attendance.lesson_id')
    .select(['lessons.course_id', sql<string | null>`max(attendance.updated_at)`.as('last_attendance')])
    .where('attendance.school_id', '=', schoolId)
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .groupBy('lessons.course_id')
    .execute();
}

/**
 * Entries that may be late: marks and topics whose UTC entry date is past the
 * lesson's date (a late entry is at least one school day after its lesson in
 * local time, so this never drops one for a threshold ≥ 1); the service decides.
 */
export async function lateCandidates(db: Q, schoolId: number, from: string, to: string, threshold: number) {
  const after = threshold >= 1 ? '>' : '>=';
  const marks = await db
    .selectFrom('marks')
    .innerJoin('lessons', 'lessons.id', 'marks.lesson_id')
    .select(['lessons.course_id', 'lessons.date', 'marks.entered_at as at'])
    .where('marks.school_id', '=', schoolId)
    .where('marks.deleted', '=', 0)
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .where(sql<boolean>`substr(marks.entered_at, 1, 10) ${sql.raw(after)} lessons.date`)
    .execute();
  const topics = await db
    .selectFrom('lessons')
    .select(['lessons.course_id', 'lessons.date', 'lessons.topic_entered_at as at'])
    .where('lessons.school_id', '=', schoolId)
    .where('lessons.topic_entered_at', 'is not', null)
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', to)
    .where(sql<boolean>`substr(lessons.topic_entered_at, 1, 10) ${sql.raw(after)} lessons.date`)
    .execute();
  return [...marks, ...topics] as Array<{ course_id: number; date: string; at: string }>;
}

/** Dates on which the school holds lessons (its school days) within a range. */
export async function schoolDays(db: Q, schoolId: number, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('lessons')
    .select('date')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('status', '=', 'scheduled')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
  return rows.map((r) => r.date);
}

/** Pupils per class and per group at any time within the range. */
export async function pupilCounts(db: Q, schoolId: number, from: string, to: string) {
  const classes = await db
    .selectFrom('class_members')
    .select(['class_id', sql<number>`count(distinct student_person_id)`.as('n')])
    .where('school_id', '=', schoolId)
    .where('from_date', '<=', to)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', from)]))
    .groupBy('class_id')
    .execute();
  const groups = await db
    .selectFrom('group_members')
    .select(['group_id', sql<number>`count(distinct student_person_id)`.as('n')])
    .where('school_id', '=', schoolId)
    .where('from_date', '<=', to)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', from)]))
    .groupBy('group_id')
    .execute();
  return { classes: new Map(classes.map((r) => [r.class_id, Number(r.n)])), groups: new Map(groups.map((r) => [r.group_id, Number(r.n)])) };
}

export function openRemarkCounts(db: Q, schoolId: number) {
  return db
    .selectFrom('remarks')
    .select(['course_id', 'teacher_person_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('school_id', '=', schoolId)
    .where('done_at', 'is', null)
    .groupBy(['course_id', 'teacher_person_id'])
    .execute();
}

// --- remarks -----------------------------------------------------------------------

export function findCourse(db: Q, courseId: number) {
  return db
    .selectFrom('courses')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .select(['courses.id', 'courses.school_id', 'courses.class_id', 'subjects.name as subject', 'classes.name as class_name'])
    .where('courses.id', '=', courseId)
    .executeTakeFirst();
}

export async function teachersOfCourse(db: Q, courseId: number): Promise<number[]> {
  const rows = await db.selectFrom('course_teachers').select('teacher_person_id').where('course_id', '=', courseId).orderBy('id').execute();
  return rows.map((r) => r.teacher_person_id);
}

export function insertRemark(db: Q, row: { school_id: number; course_id: number; teacher_person_id: number; author_person_id: number; text: string; created_at: string }) {
  return db.insertInto('remarks').values({ ...row, done_at: null, done_by: null }).returning('id').executeTakeFirstOrThrow();
}

export function remarks(db: Q, filter: { schoolId?: number; courseId?: number; teacherId?: number; id?: number }) {
  return remarksQuery(db, filter).orderBy('r.id', 'desc').limit(500).execute();
}

/** One page of a school's remarks, newest first, and their count. */
export async function pageRemarks(db: Q, filter: { schoolId: number; courseId?: number }, window: { limit: number; offset: number }) {
  let counted = db.selectFrom('remarks as r').where('r.school_id', '=', filter.schoolId);
  if (filter.courseId !== undefined) counted = counted.where('r.course_id', '=', filter.courseId);
  const [rows, total] = await Promise.all([
    remarksQuery(db, filter).orderBy('r.id', 'desc').limit(window.limit).offset(window.offset).execute(),
    counted.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

function remarksQuery(db: Q, filter: { schoolId?: number; courseId?: number; teacherId?: number; id?: number }) {
  let query = db
    .selectFrom('remarks as r')
    .innerJoin('courses', 'courses.id', 'r.course_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('persons as t', 't.id', 'r.teacher_person_id')
    .innerJoin('persons as a', 'a.id', 'r.author_person_id')
    .select([
      'r.id', 'r.school_id', 'r.course_id', 'r.teacher_person_id', 'r.text', 'r.created_at', 'r.done_at', 'subjects.name as subject', 'classes.name as class_name',
      't.surname as ts', 't.name as tn', 't.patronymic as tp', 'a.surname as as_', 'a.name as an', 'a.patronymic as ap',
    ]);
  if (filter.schoolId !== undefined) query = query.where('r.school_id', '=', filter.schoolId);
  if (filter.courseId !== undefined) query = query.where('r.course_id', '=', filter.courseId);
  if (filter.teacherId !== undefined) query = query.where('r.teacher_person_id', '=', filter.teacherId);
  if (filter.id !== undefined) query = query.where('r.id', '=', filter.id);
  return query;
}

export async function markRemarkDone(db: Q, id: number, by: number, at: string): Promise<void> {
  await db.updateTable('remarks').set({ done_at: at, done_by: by }).where('id', '=', id).where('done_at', 'is', null).execute();
}
