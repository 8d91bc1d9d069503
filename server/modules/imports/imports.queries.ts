import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../../db/bulk.js';
import type { Db } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

/** The items in lists of at most `size` (for `in (…)` lists under the bound-parameter limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function findSchool(db: Q, schoolId: number) {
  return db.selectFrom('schools').select(['id', 'region_id', 'municipality_id', 'name', 'short_name']).where('id', '=', schoolId).executeTakeFirst();
}

/** The academic year holding the date, else the latest one that started before it, else the next one. */
export async function currentYear(db: Q, schoolId: number, today: string) {
  const years = await db.selectFrom('academic_years').select(['id', 'starts_on', 'ends_on']).where('school_id', '=', schoolId).orderBy('starts_on').execute();
  return years.find((y) => y.starts_on <= today && today <= y.ends_on) ?? years.filter((y) => y.starts_on <= today).at(-1) ?? years[0] ?? null;
}

export function classesOfYear(db: Q, schoolId: number, yearId: number) {
  return db
    .selectFrom('classes')
    .select(['id', 'grade', 'letter', 'name', 'shift', 'class_teacher_person_id'])
    .where('school_id', '=', schoolId)
    .where('academic_year_id', '=', yearId)
    .orderBy('grade')
    .orderBy('letter')
    .execute();
}

export function groupsOfSchool(db: Q, schoolId: number) {
  return db.selectFrom('class_groups').select(['id', 'class_id', 'name']).where('school_id', '=', schoolId).execute();
}

export function subjectsOfSchool(db: Q, schoolId: number) {
  return db.selectFrom('subjects').select(['id', 'name']).where('school_id', '=', schoolId).orderBy('name').execute();
}

export function coursesOfYear(db: Q, schoolId: number, yearId: number) {
  return db
    .selectFrom('courses')
    .leftJoin('course_teachers', 'course_teachers.course_id', 'courses.id')
    .select(['courses.id', 'courses.class_id', 'courses.group_id', 'courses.subject_id', 'courses.hours_per_week', 'course_teachers.teacher_person_id'])
    .where('courses.school_id', '=', schoolId)
    .where('courses.academic_year_id', '=', yearId)
    .execute();
}

const personColumns = ['persons.id', 'persons.surname', 'persons.name', 'persons.patronymic', 'persons.birth_date', 'persons.external_id', 'persons.phone', 'persons.email'] as const;

export function studentsOfSchool(db: Q, schoolId: number) {
  return db
    .selectFrom('enrolments')
    .innerJoin('persons', 'persons.id', 'enrolments.person_id')
    .select([...personColumns, 'enrolments.id as enrolment_id', 'enrolments.ended_on'])
    .where('enrolments.school_id', '=', schoolId)
    .execute();
}

export function staffOfSchool(db: Q, schoolId: number) {
  return db
    .selectFrom('staff')
    .innerJoin('persons', 'persons.id', 'staff.person_id')
    .select([...personColumns, 'staff.id as staff_id', 'staff.position', 'staff.ended_on'])
    .where('staff.school_id', '=', schoolId)
    .execute();
}

export function guardiansOfSchool(db: Q, schoolId: number) {
  return db
    .selectFrom('guardianships')
    .innerJoin('persons', 'persons.id', 'guardianships.guardian_person_id')
    .select([...personColumns, 'guardianships.id as guardianship_id', 'guardianships.student_person_id', 'guardianships.relation'])
    .where('guardianships.school_id', '=', schoolId)
    .execute();
}

export function currentClassMembers(db: Q, schoolId: number) {
  return db
    .selectFrom('class_members')
    .select(['id', 'class_id', 'student_person_id', 'from_date'])
    .where('school_id', '=', schoolId)
    .where('to_date', 'is', null)
    .execute();
}

export function liveGrantsOfSchool(db: Q, schoolId: number) {
  return db
    .selectFrom('grants')
    .select(['id', 'person_id', 'role', 'class_id'])
    .where('school_id', '=', schoolId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function personsWithAccounts(db: Q, personIds: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (const part of chunks(personIds, 2000)) {
    const rows = await db.selectFrom('accounts').select('person_id').where('person_id', 'in', part).execute();
    for (const r of rows) found.add(r.person_id);
  }
  return found;
}

export function accountsOf(db: Q, personIds: number[]) {
  return db.selectFrom('accounts').select(['id', 'person_id', 'status', 'login']).where('person_id', 'in', personIds).execute();
}

/** Inserts the persons and returns their new ids in input order. */
export function insertPersons(db: Db, trx: Q, rows: Insertable<Database['persons']>[]): Promise<number[]> {
  return insertRows(db, trx, 'persons', rows, true);
}

export function updatePerson(db: Q, id: number, patch: Partial<Insertable<Database['persons']>>) {
  return db.updateTable('persons').set(patch).where('id', '=', id).execute();
}

type InsertTable = 'enrolments' | 'class_members' | 'guardianships' | 'grants' | 'staff' | 'course_teachers' | 'timetable_slots';

export async function insertMany<T extends InsertTable>(db: Db, trx: Q, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  await insertRows(db, trx, table, rows);
}

export function closeClassMembership(db: Q, id: number, toDate: string) {
  return db.updateTable('class_members').set({ to_date: toDate }).where('id', '=', id).execute();
}

export function updateGuardianRelation(db: Q, id: number, relation: 'mother' | 'father' | 'other') {
  return db.updateTable('guardianships').set({ relation }).where('id', '=', id).execute();
}

export function updateStaffPosition(db: Q, id: number, position: string) {
  return db.updateTable('staff').set({ position, ended_on: null }).where('id', '=', id).execute();
}

export function insertClass(db: Q, row: Insertable<Database['classes']>) {
  return db.insertInto('classes').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateClass(db: Q, id: number, patch: { shift: number; class_teacher_person_id: number | null }) {
  return db.updateTable('classes').set(patch).where('id', '=', id).execute();
}

export function insertGroup(db: Q, row: Insertable<Database['class_groups']>) {
  return db.insertInto('class_groups').values(row).returning('id').executeTakeFirstOrThrow();
}

export function insertSubject(db: Q, row: Insertable<Database['subjects']>) {
  return db.insertInto('subjects').values(row).returning('id').executeTakeFirstOrThrow();
}

export function insertCourse(db: Q, row: Insertable<Database['courses']>) {
  return db.insertInto('courses').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateCourseHours(db: Q, id: number, hours: number) {
  return db.updateTable('courses').set({ hours_per_week: hours }).where('id', '=', id).execute();
}

export function openSlots(db: Q, schoolId: number, yearId: number) {
  return db
    .selectFrom('timetable_slots')
    .select(['id', 'course_id', 'weekday', 'number', 'room'])
    .where('school_id', '=', schoolId)
    .where('academic_year_id', '=', yearId)
    .where('valid_to', 'is', null)
    .execute();
}

export function updateSlotRoom(db: Q, id: number, room: string) {
  return db.updateTable('timetable_slots').set({ room }).where('id', '=', id).execute();
}

/** Export: the current timetable with names. */
export function timetableRows(db: Q, schoolId: number, yearId: number) {
  return db
    .selectFrom('timetable_slots')
    .innerJoin('courses', 'courses.id', 'timetable_slots.course_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select(['classes.name as class_name', 'classes.grade', 'class_groups.name as group_name', 'subjects.name as subject_name', 'timetable_slots.weekday', 'timetable_slots.number', 'timetable_slots.room', 'courses.id as course_id'])
    .where('timetable_slots.school_id', '=', schoolId)
    .where('timetable_slots.academic_year_id', '=', yearId)
    .where('timetable_slots.valid_to', 'is', null)
    .orderBy('classes.grade')
    .orderBy('classes.name')
    .orderBy('timetable_slots.weekday')
    .orderBy('timetable_slots.number')
    .execute();
}
