import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../db/dialect.js';
import { hotQuery } from '../../db/hot.js';
import type { Database } from '../../db/schema.js';
import type { AttendanceTable, MarkTable } from '../../db/tables/journal.js';
import type { Insertable } from 'kysely';

export type Q = Kysely<Database> | Transaction<Database>;

/** A course with what its scale and access depend on. */
function courseQuery(db: Q) {
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
    ]);
}

export function findCourse(db: Q, courseId: number) {
  return courseQuery(db).where('courses.id', '=', courseId).executeTakeFirst();
}

/** The same, prepared once: the journal grid asks for it on every read. */
export const courseById = hotQuery((db) => courseQuery(db).where('courses.id', '=', 0));

export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourse>>>;

/** Does the person give any lesson of the course (a substitute)? */
export async function givesLessonOf(db: Q, courseId: number, personId: number): Promise<boolean> {
  const row = await db.selectFrom('lessons').select('id').where('course_id', '=', courseId).where('teacher_person_id', '=', personId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Lessons with their course's scale, term dates and school settings (the write path's context). */
function lessonContextQuery(db: Q) {
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
      'lessons.status',
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
    ]);
}

export function findLessons(db: Q, lessonIds: number[]) {
  return lessonContextQuery(db).where('lessons.id', 'in', lessonIds).execute();
}

/**
 * The write path's lesson context, prepared once (one per lesson per batch of
 * writes): only what the checks need (no topic or homework text), with the
 * weight of the lesson's own work type when it is one of the school's, so a
 * mark of the lesson's type needs no read of the school's work types. On
 * PostgreSQL the lesson's row is held (FOR SHARE) to the commit: a cancel
 * then waits for the write and counts its marks, or the write waits for it.
 */
export const lessonForWrite = hotQuery((db, dialect) => {
  const query = db
    .selectFrom('lessons')
    .innerJoin('courses', 'courses.id', 'lessons.course_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('terms', 'terms.id', 'lessons.term_id')
    .innerJoin('schools', 'schools.id', 'lessons.school_id')
    .leftJoin('work_types', (join) => join.onRef('work_types.id', '=', 'lessons.work_type_id').onRef('work_types.school_id', '=', 'lessons.school_id'))
    .select([
      'lessons.id',
      'lessons.school_id',
      'lessons.course_id',
      'lessons.term_id',
      'lessons.date',
      'lessons.status',
      'lessons.teacher_person_id',
      'lessons.work_type_id',
      'work_types.weight as work_type_weight',
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
    .where('lessons.id', '=', 0);
  return dialect === 'postgres' ? query.forShare('lessons') : query;
});

/** One work type of a school (a mark that names its own type), prepared once. */
export const workTypeOfSchool = hotQuery((db) => db.selectFrom('work_types').select(['id', 'weight']).where('id', '=', 0).where('school_id', '=', 0));
export type LessonRow = Awaited<ReturnType<typeof findLessons>>[number];


export function findTerm(db: Q, termId: number) {
  return db.selectFrom('terms').selectAll().where('id', '=', termId).executeTakeFirst();
}

export function termsOfYear(db: Q, schoolId: number, yearId: number) {
  return db.selectFrom('terms').selectAll().where('school_id', '=', schoolId).where('academic_year_id', '=', yearId).orderBy('starts_on').execute();
}

const memberOn = (table: 'class_members' | 'group_members', column: 'class_id' | 'group_id') =>
  hotQuery((db) =>
    db
      .selectFrom(table as 'class_members')
      .select('id')
      .where(column as 'class_id', '=', 0)
      .where('student_person_id', '=', 0)
      .where('from_date', '<=', '')
      .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', '')])),
  );
const classMemberOn = memberOn('class_members', 'class_id');
const groupMemberOn = memberOn('group_members', 'group_id');

/** Was the pupil a member of the course's class (or group) on any day of [from, to]? `to_date` is the last day of membership. */
export async function wasMemberDuring(db: Db, course: { class_id: number; group_id: number | null }, studentId: number, from: string, to: string, via?: Q): Promise<boolean> {
  const row = course.group_id
    ? await groupMemberOn.first(db, [course.group_id, studentId, to, from], via)
    : await classMemberOn.first(db, [course.class_id, studentId, to, from], via);
  return !!row;
}

/** Is the pupil a member of the course's class (or group) on this date? */
export function isMember(db: Db, course: { class_id: number; group_id: number | null }, studentId: number, date: string, via?: Q): Promise<boolean> {
  return wasMemberDuring(db, course, studentId, date, date, via);
}

/** Pupils of the course at any time within [from, to], alphabetical. */
export function courseStudents(db: Q, course: { class_id: number; group_id: number | null }, from: string, to: string) {
  return courseStudentsQuery(db, course, from, to).execute();
}

export function courseStudentsQuery(db: Q, course: { class_id: number; group_id: number | null }, from: string, to: string) {
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
    .orderBy('persons.id');
}

export function lessonsOf(db: Q, courseId: number, termId: number) {
  return lessonsOfQuery(db, courseId, termId).execute();
}

export function lessonsOfQuery(db: Q, courseId: number, termId: number) {
  return db
    .selectFrom('lessons')
    .select(['id', 'date', 'number', 'topic', 'homework', 'work_type_id', 'is_control', 'version', 'teacher_person_id'])
    .where('course_id', '=', courseId)
    .where('term_id', '=', termId)
    .where('status', '=', 'scheduled')
    .orderBy('date')
    .orderBy('number');
}

export function marksOf(db: Q, courseId: number, termId: number) {
  return marksOfQuery(db, courseId, termId).execute();
}

export function marksOfQuery(db: Q, courseId: number, termId: number) {
  return db
    .selectFrom('marks')
    .innerJoin('lessons', 'lessons.id', 'marks.lesson_id')
    .select(['marks.id', 'marks.lesson_id', 'marks.student_person_id', 'marks.value', 'marks.work_type_id', 'marks.weight', 'marks.version', 'marks.comment'])
    .where('lessons.course_id', '=', courseId)
    .where('lessons.term_id', '=', termId)
    .where('marks.deleted', '=', 0)
    .orderBy('marks.id');
}

export function attendanceOf(db: Q, courseId: number, termId: number) {
  return attendanceOfQuery(db, courseId, termId).execute();
}

export function attendanceOfQuery(db: Q, courseId: number, termId: number) {
  return db
    .selectFrom('attendance')
    .innerJoin('lessons', 'lessons.id', 'attendance.lesson_id')
    .select(['attendance.lesson_id', 'attendance.student_person_id', 'attendance.code', 'attendance.version'])
    .where('lessons.course_id', '=', courseId)
    .where('lessons.term_id', '=', termId);
}

export function termMarksOf(db: Q, courseId: number, termId: number) {
  return termMarksOfQuery(db, courseId, termId).execute();
}

export function termMarksOfQuery(db: Q, courseId: number, termId: number) {
  return db.selectFrom('term_marks').select(['student_person_id', 'value', 'version']).where('course_id', '=', courseId).where('term_id', '=', termId);
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

const lockOf = hotQuery((db) =>
  db
    .selectFrom('term_locks')
    .select('id')
    .where('school_id', '=', 0)
    .where('term_id', '=', 0)
    .where((eb) =>
      eb.or([
        eb('scope', '=', sql.lit('school')),
        eb.and([eb('scope', '=', sql.lit('class')), eb('class_id', '=', 0)]),
        eb.and([eb('scope', '=', sql.lit('course')), eb('course_id', '=', 0)]),
      ]),
    ),
);

/** Is the term locked for this course (by a lock on the course, its class or the school)? */
export async function isLocked(db: Db, schoolId: number, termId: number, classId: number, courseId: number, via?: Q): Promise<boolean> {
  return !!(await lockOf.first(db, [schoolId, termId, classId, courseId], via));
}

const recentLessonDays = hotQuery((db) =>
  db
    .selectFrom('lessons')
    .select('date')
    .distinct()
    .where('school_id', '=', 0)
    .where('status', '=', sql.lit('scheduled'))
    .where('date', '<=', '')
    .orderBy('date', 'desc')
    .limit(0),
);

/**
 * The school's `count` most recent days with lessons d ≤ upTo, newest first: its
 * latest school days (design.md, "Timeliness"). Read backwards along
 * lessons_school_date, so it touches the lessons of those few days only.
 */
export async function recentSchoolDaysOf(db: Db, schoolId: number, upTo: string, count: number, via?: Q): Promise<string[]> {
  return (await recentLessonDays.all(db, [schoolId, upTo, count], via)).map((r) => r.date);
}

// --- cells -------------------------------------------------------------------

const markById = hotQuery((db) => db.selectFrom('marks').selectAll().where('id', '=', 0));
export function findMark(db: Db, id: number, via?: Q) {
  return markById.first(db, [id], via);
}

const MARK_COLUMNS = ['school_id', 'lesson_id', 'student_person_id', 'value', 'numeric', 'weight', 'work_type_id', 'comment', 'entered_by', 'entered_at', 'updated_at', 'version', 'deleted'] as const;
const insertMarkRow = hotQuery((db) =>
  db
    .insertInto('marks')
    .values(Object.fromEntries(MARK_COLUMNS.map((c) => [c, 0])) as unknown as Insertable<MarkTable>)
    .returning('id'),
);
export async function insertMark(db: Db, row: Insertable<MarkTable>, via?: Q): Promise<{ id: number }> {
  const inserted = await insertMarkRow.first(db, MARK_COLUMNS.map((c) => row[c] ?? null), via);
  return { id: Number(inserted!.id) };
}

/** Conditional on the version read, so a concurrent writer elsewhere is never overwritten. */
export async function updateMark(db: Q, id: number, version: number, patch: Partial<Insertable<MarkTable>>): Promise<boolean> {
  const r = await db.updateTable('marks').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const attendanceOfCell = hotQuery((db) => db.selectFrom('attendance').selectAll().where('lesson_id', '=', 0).where('student_person_id', '=', 0));
export function findAttendance(db: Db, lessonId: number, studentId: number, via?: Q) {
  return attendanceOfCell.first(db, [lessonId, studentId], via);
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
