import type { Kysely, Insertable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { HolidayTable, TermTable } from '../../db/tables/structure.js';

type Q = Kysely<Database>;

// ---- calendar

export function findYear(db: Q, id: number) {
  return db.selectFrom('academic_years').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listYears(db: Q, schoolId: number) {
  return db.selectFrom('academic_years').selectAll().where('school_id', '=', schoolId).orderBy('starts_on', 'desc').execute();
}

export function insertYear(db: Q, row: { school_id: number; name: string; starts_on: string; ends_on: string }) {
  return db.insertInto('academic_years').values(row).returning('id').executeTakeFirstOrThrow();
}

export function termsOf(db: Q, yearId: number) {
  return db.selectFrom('terms').selectAll().where('academic_year_id', '=', yearId).orderBy('grade_from').orderBy('number').execute();
}

export function holidaysOf(db: Q, yearId: number) {
  return db.selectFrom('holidays').selectAll().where('academic_year_id', '=', yearId).orderBy('starts_on').execute();
}

export async function insertTerms(db: Q, rows: Array<Insertable<TermTable>>) {
  if (rows.length) await db.insertInto('terms').values(rows).execute();
}

export async function insertHolidays(db: Q, rows: Array<Insertable<HolidayTable>>) {
  if (rows.length) await db.insertInto('holidays').values(rows).execute();
}

export function updateTerm(db: Q, id: number, row: { kind: TermTable['kind']; number: number; name: string; starts_on: string; ends_on: string }) {
  return db.updateTable('terms').set(row).where('id', '=', id).execute();
}

export async function deleteTerms(db: Q, ids: number[]) {
  if (ids.length) await db.deleteFrom('terms').where('id', 'in', ids).execute();
}

export function deleteHolidaysOf(db: Q, yearId: number) {
  return db.deleteFrom('holidays').where('academic_year_id', '=', yearId).execute();
}

export async function termsWithLessons(db: Q, termIds: number[]) {
  if (!termIds.length) return [];
  const rows = await db.selectFrom('lessons').select('term_id').distinct().where('term_id', 'in', termIds).execute();
  return rows.map((r) => r.term_id);
}

// ---- people of the school

export async function isStaff(db: Q, schoolId: number, personId: number) {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  return !!row;
}

export function listStaff(db: Q, schoolId: number) {
  return db
    .selectFrom('staff')
    .innerJoin('persons', 'persons.id', 'staff.person_id')
    .select(['persons.id as personId', 'persons.surname', 'persons.name', 'persons.patronymic', 'staff.position'])
    .where('staff.school_id', '=', schoolId)
    .where('staff.ended_on', 'is', null)
    .orderBy('persons.surname')
    .orderBy('persons.name')
    .execute();
}

export async function isEnrolled(db: Q, schoolId: number, personId: number, date: string) {
  const row = await db
    .selectFrom('enrolments')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('started_on', '<=', date)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', date)]))
    .executeTakeFirst();
  return !!row;
}

export function personNames(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('persons').select(['id', 'surname', 'name', 'patronymic']).where('id', 'in', ids).execute();
}

export function schoolNames(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('schools').select(['id', 'short_name as name']).where('id', 'in', ids).orderBy('short_name').execute();
}

/** Schools where the given pupils are enrolled now (a guardian's children). */
export async function schoolsOfStudents(db: Q, personIds: readonly number[], today: string) {
  if (!personIds.length) return [];
  const rows = await db
    .selectFrom('enrolments')
    .select('school_id')
    .distinct()
    .where('person_id', 'in', personIds)
    .where('started_on', '<=', today)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', today)]))
    .execute();
  return rows.map((r) => r.school_id);
}

// ---- classes and memberships
// Membership rows: from_date is the first day in the class (group), to_date the LAST day (inclusive), null while current.

export function findClass(db: Q, id: number) {
  return db.selectFrom('classes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listClasses(db: Q, yearId: number, today: string) {
  return db
    .selectFrom('classes')
    .leftJoin('persons', 'persons.id', 'classes.class_teacher_person_id')
    .select((eb) => [
      'classes.id',
      'classes.grade',
      'classes.letter',
      'classes.name',
      'classes.shift',
      'classes.class_teacher_person_id',
      'persons.surname',
      'persons.name as teacher_name',
      'persons.patronymic',
      eb
        .selectFrom('class_members')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('class_members.class_id', '=', 'classes.id')
        .where('class_members.from_date', '<=', today)
        .where((e) => e.or([e('class_members.to_date', 'is', null), e('class_members.to_date', '>=', today)]))
        .as('students'),
    ])
    .where('classes.academic_year_id', '=', yearId)
    .orderBy('classes.grade')
    .orderBy('classes.letter')
    .execute();
}

export function insertClass(db: Q, row: { school_id: number; academic_year_id: number; grade: number; letter: string; name: string; shift: number; class_teacher_person_id: number | null }) {
  return db.insertInto('classes').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateClass(db: Q, id: number, patch: { shift?: number; class_teacher_person_id?: number | null }) {
  return db.updateTable('classes').set(patch).where('id', '=', id).execute();
}

/**
 * The class_teacher grant for a class. Grants belong to the accounts module
 * (another branch); until it offers a service function for this, the row is
 * written here, inside the caller's transaction.
 */
export function grantClassTeacher(db: Q, row: { personId: number; schoolId: number; classId: number; grantedBy: number | null; at: string }) {
  return db
    .insertInto('grants')
    .values({ person_id: row.personId, role: 'class_teacher', region_id: null, municipality_id: null, school_id: row.schoolId, class_id: row.classId, granted_by: row.grantedBy, granted_at: row.at, revoked_by: null, revoked_at: null })
    .execute();
}

export function revokeClassTeacher(db: Q, row: { schoolId: number; classId: number; revokedBy: number | null; at: string }) {
  return db
    .updateTable('grants')
    .set({ revoked_at: row.at, revoked_by: row.revokedBy })
    .where('role', '=', 'class_teacher')
    .where('school_id', '=', row.schoolId)
    .where('class_id', '=', row.classId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The student's open class membership in any class of a year. */
export function openClassMembership(db: Q, yearId: number, studentId: number) {
  return db
    .selectFrom('class_members')
    .innerJoin('classes', 'classes.id', 'class_members.class_id')
    .select(['class_members.id', 'class_members.class_id', 'class_members.from_date'])
    .where('classes.academic_year_id', '=', yearId)
    .where('class_members.student_person_id', '=', studentId)
    .where('class_members.to_date', 'is', null)
    .executeTakeFirst();
}

export function insertClassMember(db: Q, row: { school_id: number; class_id: number; student_person_id: number; from_date: string }) {
  return db.insertInto('class_members').values({ ...row, to_date: null }).returning('id').executeTakeFirstOrThrow();
}

export function closeClassMember(db: Q, id: number, toDate: string) {
  return db.updateTable('class_members').set({ to_date: toDate }).where('id', '=', id).execute();
}

export function classMembersOn(db: Q, classId: number, date: string) {
  return db
    .selectFrom('class_members')
    .innerJoin('persons', 'persons.id', 'class_members.student_person_id')
    .select(['persons.id as personId', 'persons.surname', 'persons.name', 'persons.patronymic', 'class_members.from_date'])
    .where('class_members.class_id', '=', classId)
    .where('class_members.from_date', '<=', date)
    .where((eb) => eb.or([eb('class_members.to_date', 'is', null), eb('class_members.to_date', '>=', date)]))
    .orderBy('persons.surname')
    .orderBy('persons.name')
    .execute();
}

export function membershipHistory(db: Q, studentId: number) {
  return Promise.all([
    db
      .selectFrom('class_members')
      .innerJoin('classes', 'classes.id', 'class_members.class_id')
      .select(['class_members.class_id', 'classes.name', 'class_members.from_date', 'class_members.to_date'])
      .where('class_members.student_person_id', '=', studentId)
      .orderBy('class_members.from_date')
      .execute(),
    db
      .selectFrom('group_members')
      .innerJoin('class_groups', 'class_groups.id', 'group_members.group_id')
      .select(['group_members.group_id', 'class_groups.name', 'class_groups.class_id', 'group_members.from_date', 'group_members.to_date'])
      .where('group_members.student_person_id', '=', studentId)
      .orderBy('group_members.from_date')
      .execute(),
  ]);
}

export function findGroup(db: Q, id: number) {
  return db.selectFrom('class_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function groupsOf(db: Q, classId: number) {
  return db.selectFrom('class_groups').selectAll().where('class_id', '=', classId).orderBy('name').execute();
}

export function insertGroup(db: Q, row: { school_id: number; class_id: number; name: string }) {
  return db.insertInto('class_groups').values(row).returning('id').executeTakeFirstOrThrow();
}

export function openGroupMemberships(db: Q, studentId: number, groupIds: number[]) {
  if (!groupIds.length) return Promise.resolve([]);
  return db
    .selectFrom('group_members')
    .select(['id', 'group_id', 'from_date'])
    .where('student_person_id', '=', studentId)
    .where('group_id', 'in', groupIds)
    .where('to_date', 'is', null)
    .execute();
}

export function insertGroupMember(db: Q, row: { school_id: number; group_id: number; student_person_id: number; from_date: string }) {
  return db.insertInto('group_members').values({ ...row, to_date: null }).returning('id').executeTakeFirstOrThrow();
}

export function closeGroupMember(db: Q, id: number, toDate: string) {
  return db.updateTable('group_members').set({ to_date: toDate }).where('id', '=', id).execute();
}

export function groupMembersOn(db: Q, groupIds: number[], date: string) {
  if (!groupIds.length) return Promise.resolve([]);
  return db
    .selectFrom('group_members')
    .select(['group_id', 'student_person_id'])
    .where('group_id', 'in', groupIds)
    .where('from_date', '<=', date)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', date)]))
    .execute();
}

// ---- subjects, courses, bells

export function findSubject(db: Q, id: number) {
  return db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSubjects(db: Q, schoolId: number) {
  return db.selectFrom('subjects').selectAll().where('school_id', '=', schoolId).orderBy('name').execute();
}

export function insertSubject(db: Q, row: { school_id: number; name: string; short_name: string; double_marks: number; pass_fail: number; no_marks_grade1: number }) {
  return db.insertInto('subjects').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateSubject(db: Q, id: number, patch: Partial<{ name: string; short_name: string; double_marks: number; pass_fail: number; no_marks_grade1: number }>) {
  return db.updateTable('subjects').set(patch).where('id', '=', id).execute();
}

export function findCourse(db: Q, id: number) {
  return db.selectFrom('courses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Courses of a year with their class, group, subject and teachers' ids. */
export async function listCourses(db: Q, yearId: number, classId?: number) {
  let query = db
    .selectFrom('courses')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select([
      'courses.id',
      'courses.class_id',
      'courses.group_id',
      'courses.subject_id',
      'courses.hours_per_week',
      'classes.name as class_name',
      'classes.grade',
      'classes.shift',
      'subjects.name as subject',
      'subjects.short_name as subject_short',
      'class_groups.name as group_name',
    ])
    .where('courses.academic_year_id', '=', yearId);
  if (classId !== undefined) query = query.where('courses.class_id', '=', classId);
  const courses = await query.orderBy('classes.grade').orderBy('classes.letter').orderBy('subjects.name').orderBy('courses.id').execute();
  const teachers = courses.length
    ? await db
        .selectFrom('course_teachers')
        .innerJoin('courses', 'courses.id', 'course_teachers.course_id')
        .select(['course_teachers.course_id', 'course_teachers.teacher_person_id'])
        .where('courses.academic_year_id', '=', yearId)
        .orderBy('course_teachers.id')
        .execute()
    : [];
  const byCourse = new Map<number, number[]>();
  for (const t of teachers) byCourse.set(t.course_id, [...(byCourse.get(t.course_id) ?? []), t.teacher_person_id]);
  return courses.map((c) => ({ ...c, teacherIds: byCourse.get(c.id) ?? [] }));
}

export function insertCourse(db: Q, row: { school_id: number; academic_year_id: number; class_id: number; group_id: number | null; subject_id: number; hours_per_week: number }) {
  return db.insertInto('courses').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateCourseHours(db: Q, id: number, hours: number) {
  return db.updateTable('courses').set({ hours_per_week: hours }).where('id', '=', id).execute();
}

export async function setCourseTeachers(db: Q, schoolId: number, courseId: number, teacherIds: number[]) {
  await db.deleteFrom('course_teachers').where('course_id', '=', courseId).execute();
  await db.insertInto('course_teachers').values(teacherIds.map((t) => ({ school_id: schoolId, course_id: courseId, teacher_person_id: t }))).execute();
}

export function bellsOf(db: Q, schoolId: number) {
  return db.selectFrom('bells').selectAll().where('school_id', '=', schoolId).orderBy('shift').orderBy('number').execute();
}

export async function replaceBells(db: Q, schoolId: number, shift: number, rows: Array<{ number: number; starts_at: string; ends_at: string }>) {
  await db.deleteFrom('bells').where('school_id', '=', schoolId).where('shift', '=', shift).execute();
  if (rows.length) await db.insertInto('bells').values(rows.map((r) => ({ ...r, school_id: schoolId, shift }))).execute();
}

// ---- timetable

/** The slots of a year in force from `date` on (open-ended or ending later), with their class. */
export function slotsInForce(db: Q, yearId: number, date: string) {
  return db
    .selectFrom('timetable_slots')
    .innerJoin('courses', 'courses.id', 'timetable_slots.course_id')
    .select([
      'timetable_slots.id',
      'timetable_slots.weekday',
      'timetable_slots.number',
      'timetable_slots.course_id',
      'timetable_slots.room',
      'timetable_slots.valid_from',
      'timetable_slots.valid_to',
      'courses.class_id',
    ])
    .where('timetable_slots.academic_year_id', '=', yearId)
    .where((eb) => eb.or([eb('timetable_slots.valid_to', 'is', null), eb('timetable_slots.valid_to', '>=', date)]))
    .orderBy('timetable_slots.weekday')
    .orderBy('timetable_slots.number')
    .execute();
}

export async function classHasSlots(db: Q, classId: number) {
  const row = await db
    .selectFrom('timetable_slots')
    .innerJoin('courses', 'courses.id', 'timetable_slots.course_id')
    .select('timetable_slots.id')
    .where('courses.class_id', '=', classId)
    .executeTakeFirst();
  return !!row;
}

/** Ends a class's slots before `fromDate`: slots starting on or after it are deleted, older ones closed. */
export async function endClassSlots(db: Q, classId: number, fromDate: string, dayBefore: string) {
  const courseIds = db.selectFrom('courses').select('id').where('class_id', '=', classId);
  await db.deleteFrom('timetable_slots').where('course_id', 'in', courseIds).where('valid_from', '>=', fromDate).execute();
  await db
    .updateTable('timetable_slots')
    .set({ valid_to: dayBefore })
    .where('course_id', 'in', courseIds)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', fromDate)]))
    .execute();
}

export async function insertSlots(db: Q, rows: Array<{ school_id: number; academic_year_id: number; weekday: number; number: number; course_id: number; room: string; valid_from: string; valid_to: null }>) {
  if (rows.length) await db.insertInto('timetable_slots').values(rows).execute();
}
