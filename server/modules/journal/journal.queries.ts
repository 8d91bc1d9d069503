import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AttendanceTable, MarkTable } from '../../db/tables/journal.js';
import type { Insertable } from 'kysely';

export type Q = Kysely<Database> | Transaction<Database>;

/** A course with what its scale and access depend on. */
export function findCourse(db: Q, courseId: number) {
  return db
    .selectFrom('courses')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('schools', 'schools.id', 'courses.school_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select([
      'courses.id',
      'courses.school_id',
      'courses.class_id',
      'courses.group_id',
      'courses.academic_year_id',
      'subjects.name as subject',
      'subjects.double_marks',
      'subjects.pass_fail',
      'subjects.no_marks_grade1',
      'classes.name as class_name',
      'classes.grade',
      'class_groups.name as group_name',
      'schools.settings',
    ])
    .where('courses.id', '=', courseId)
    .executeTakeFirst();
}
export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourse>>>;

/** Does the person give any lesson of the course (a substitute)? */
export async function givesLessonOf(db: Q, courseId: number, personId: number): Promise<boolean> {
  const row = await db.selectFrom('lessons').select('id').where('course_id', '=', courseId).where('teacher_person_id', '=', personId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Lessons with their course's scale, term dates and school settings (the write path's context). */
export function findLessons(db: Q, lessonIds: number[]) {
  return db
    .selectFrom('lessons')
    .innerJoin('courses', 'courses.id', 'lessons.course_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('terms', 'terms.id', 'lessons.term_id')
    .innerJoin('schools', 'schools.id', 'lessons.school_id')
    .select([
      'lessons.id',
      'lessons.school_id',
      'lessons.course_id',
      'lessons.term_id',
      'lessons.date',
      'lessons.number',
      'lessons.teacher_person_id',
      'lessons.work_type_id',
      'lessons.topic',
      'lessons.homework',
      'lessons.is_control',
      'lessons.version',
      'lessons.topic_entered_at',
      'lessons.homework_entered_at',
      'courses.class_id',
      'courses.group_id',
      'subjects.double_marks',
      'subjects.pass_fail',
      'subjects.no_marks_grade1',
      'classes.grade',
      'terms.starts_on',
      'terms.ends_on',
      'schools.settings',
    ])
    .where('lessons.id', 'in', lessonIds)
    .execute();
}
export type LessonRow = Awaited<ReturnType<typeof findLessons>>[number];

export function findTerm(db: Q, termId: number) {
  return db.selectFrom('terms').selectAll().where('id', '=', termId).executeTakeFirst();
}

export function termsOfYear(db: Q, schoolId: number, yearId: number) {
  return db.selectFrom('terms').selectAll().where('school_id', '=', schoolId).where('academic_year_id', '=', yearId).orderBy('starts_on').execute();
}

/** Is the pupil a member of the course's class (or group) on this date? `to_date` is the last day of membership. */
export async function isMember(db: Q, course: { class_id: number; group_id: number | null }, studentId: number, date: string): Promise<boolean> {
  const row = course.group_id
    ? await db
        .selectFrom('group_members')
        .select('id')
        .where('group_id', '=', course.group_id)
        .where('student_person_id', '=', studentId)
        .where('from_date', '<=', date)
        .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', date)]))
        .executeTakeFirst()
    : await db
        .selectFrom('class_members')
        .select('id')
        .where('class_id', '=', course.class_id)
        .where('student_person_id', '=', studentId)
        .where('from_date', '<=', date)
        .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', date)]))
        .executeTakeFirst();
  return !!row;
}

/** Pupils of the course at any time within [from, to], alphabetical. */
export function courseStudents(db: Q, course: { class_id: number; group_id: number | null }, from: string, to: string) {
  const base = course.group_id
    ? db.selectFrom('group_members as m').where('m.group_id', '=', course.group_id)
    : db.selectFrom('class_members as m').where('m.class_id', '=', course.class_id);
  return base
    .innerJoin('persons', 'persons.id', 'm.student_person_id')
    .select(['persons.id', 'persons.surname', 'persons.name'])
    .where('m.from_date', '<=', to)
    .where((eb) => eb.or([eb('m.to_date', 'is', null), eb('m.to_date', '>=', from)]))
    .distinct()
    .orderBy('persons.surname')
    .orderBy('persons.name')
    .orderBy('persons.id')
    .execute();
}

export function lessonsOf(db: Q, courseId: number, termId: number) {
  return db
    .selectFrom('lessons')
    .select(['id', 'date', 'number', 'topic', 'homework', 'work_type_id', 'is_control', 'version', 'teacher_person_id'])
    .where('course_id', '=', courseId)
    .where('term_id', '=', termId)
    .where('status', '=', 'scheduled')
    .orderBy('date')
    .orderBy('number')
    .execute();
}

export function marksOf(db: Q, courseId: number, termId: number) {
  return db
    .selectFrom('marks')
    .innerJoin('lessons', 'lessons.id', 'marks.lesson_id')
    .select(['marks.id', 'marks.lesson_id', 'marks.student_person_id', 'marks.value', 'marks.work_type_id', 'marks.weight', 'marks.version', 'marks.comment'])
    .where('lessons.course_id', '=', courseId)
    .where('lessons.term_id', '=', termId)
    .where('marks.deleted', '=', 0)
    .orderBy('marks.id')
    .execute();
}

export function attendanceOf(db: Q, courseId: number, termId: number) {
  return db
    .selectFrom('attendance')
    .innerJoin('lessons', 'lessons.id', 'attendance.lesson_id')
    .select(['attendance.lesson_id', 'attendance.student_person_id', 'attendance.code', 'attendance.version'])
    .where('lessons.course_id', '=', courseId)
    .where('lessons.term_id', '=', termId)
    .execute();
}

export function termMarksOf(db: Q, courseId: number, termId: number) {
  return db.selectFrom('term_marks').select(['student_person_id', 'value', 'version']).where('course_id', '=', courseId).where('term_id', '=', termId).execute();
}

export function fileCounts(db: Q, lessonIds: number[]) {
  if (lessonIds.length === 0) return Promise.resolve([] as Array<{ lesson_id: number; n: number }>);
  return db
    .selectFrom('homework_files')
    .select(['lesson_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('lesson_id', 'in', lessonIds)
    .where('deleted', '=', 0)
    .groupBy('lesson_id')
    .execute();
}

export function workTypes(db: Q, schoolId: number) {
  return db.selectFrom('work_types').select(['id', 'code', 'name', 'weight']).where('school_id', '=', schoolId).orderBy('sort').orderBy('id').execute();
}

export async function insertWorkTypes(db: Q, rows: Array<{ school_id: number; code: string; name: string; weight: number; sort: number }>) {
  await db.insertInto('work_types').values(rows).onConflict((oc) => oc.columns(['school_id', 'code']).doNothing()).execute();
}

/** Is the term locked for this course (by a lock on the course, its class or the school)? */
export async function isLocked(db: Q, schoolId: number, termId: number, classId: number, courseId: number): Promise<boolean> {
  const row = await db
    .selectFrom('term_locks')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where((eb) =>
      eb.or([eb('scope', '=', 'school'), eb.and([eb('scope', '=', 'class'), eb('class_id', '=', classId)]), eb.and([eb('scope', '=', 'course'), eb('course_id', '=', courseId)])]),
    )
    .executeTakeFirst();
  return !!row;
}

// --- cells -------------------------------------------------------------------

export function findMark(db: Q, id: number) {
  return db.selectFrom('marks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertMark(db: Q, row: Insertable<MarkTable>) {
  return db.insertInto('marks').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Conditional on the version read, so a concurrent writer elsewhere is never overwritten. */
export async function updateMark(db: Q, id: number, version: number, patch: Partial<Insertable<MarkTable>>): Promise<boolean> {
  const r = await db.updateTable('marks').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findAttendance(db: Q, lessonId: number, studentId: number) {
  return db.selectFrom('attendance').selectAll().where('lesson_id', '=', lessonId).where('student_person_id', '=', studentId).executeTakeFirst();
}

export function insertAttendance(db: Q, row: Insertable<AttendanceTable>) {
  return db.insertInto('attendance').values(row).execute();
}

export async function updateAttendance(db: Q, id: number, version: number, patch: { code: AttendanceTable['code']; entered_by: number; updated_at: string; version: number }) {
  const r = await db.updateTable('attendance').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteAttendance(db: Q, id: number, version: number) {
  const r = await db.deleteFrom('attendance').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export function findTermMark(db: Q, courseId: number, termId: number, studentId: number) {
  return db.selectFrom('term_marks').selectAll().where('course_id', '=', courseId).where('term_id', '=', termId).where('student_person_id', '=', studentId).executeTakeFirst();
}

export function insertTermMark(db: Q, row: Insertable<Database['term_marks']>) {
  return db.insertInto('term_marks').values(row).execute();
}

export async function updateTermMark(db: Q, id: number, version: number, patch: { value: string; entered_by: number; updated_at: string; version: number }) {
  const r = await db.updateTable('term_marks').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteTermMark(db: Q, id: number, version: number) {
  const r = await db.deleteFrom('term_marks').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function updateLesson(db: Q, id: number, version: number, patch: Partial<Insertable<Database['lessons']>>) {
  const r = await db.updateTable('lessons').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function insertCorrection(db: Q, row: Insertable<Database['corrections']>) {
  return db.insertInto('corrections').values(row).execute();
}

// --- grid revisions ------------------------------------------------------------

export async function readRevision(db: Q, courseId: number, termId: number): Promise<number | null> {
  const row = await db.selectFrom('journal_revisions').select('rev').where('course_id', '=', courseId).where('term_id', '=', termId).executeTakeFirst();
  return row ? Number(row.rev) : null;
}

export async function ensureRevision(db: Q, schoolId: number, courseId: number, termId: number) {
  await db
    .insertInto('journal_revisions')
    .values({ school_id: schoolId, course_id: courseId, term_id: termId, rev: 0 })
    .onConflict((oc) => oc.columns(['course_id', 'term_id']).doNothing())
    .execute();
}

export async function bumpRevision(db: Q, schoolId: number, courseId: number, termId: number) {
  await db
    .insertInto('journal_revisions')
    .values({ school_id: schoolId, course_id: courseId, term_id: termId, rev: 1 })
    .onConflict((oc) => oc.columns(['course_id', 'term_id']).doUpdateSet({ rev: sql`journal_revisions.rev + 1` }))
    .execute();
}

/** A lock changes every grid of its scope. */
export async function bumpRevisionsOfTerm(db: Q, schoolId: number, termId: number, filter: { classId?: number; courseId?: number }) {
  let query = db.updateTable('journal_revisions').set({ rev: sql`rev + 1` }).where('school_id', '=', schoolId).where('term_id', '=', termId);
  if (filter.courseId) query = query.where('course_id', '=', filter.courseId);
  if (filter.classId) query = query.where('course_id', 'in', db.selectFrom('courses').select('id').where('class_id', '=', filter.classId));
  await query.execute();
}

/** Lessons among `lessonIds` that hold marks or attendance (the timetable keeps those when it regenerates). */
export async function lessonsWithEntries(db: Kysely<Database>, lessonIds: number[]): Promise<Map<number, Array<'marks' | 'attendance'>>> {
  const found = new Map<number, Array<'marks' | 'attendance'>>();
  for (let i = 0; i < lessonIds.length; i += 5000) {
    const chunk = lessonIds.slice(i, i + 5000);
    const marks = await db.selectFrom('marks').select('lesson_id').distinct().where('lesson_id', 'in', chunk).where('deleted', '=', 0).execute();
    const attendance = await db.selectFrom('attendance').select('lesson_id').distinct().where('lesson_id', 'in', chunk).execute();
    for (const m of marks) found.set(m.lesson_id, [...(found.get(m.lesson_id) ?? []), 'marks']);
    for (const a of attendance) found.set(a.lesson_id, [...(found.get(a.lesson_id) ?? []), 'attendance']);
  }
  return found;
}
