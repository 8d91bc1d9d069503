import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { chunks } from './imports.queries.js';

type Q = Kysely<Database>;

/** Pupils in a class of the year now (open membership), with the class name, ordered as a register. */
export function currentPupils(db: Q, schoolId: number, yearId: number, classId?: number) {
  let query = db
    .selectFrom('class_members')
    .innerJoin('classes', 'classes.id', 'class_members.class_id')
    .innerJoin('persons', 'persons.id', 'class_members.student_person_id')
    .select(['persons.id', 'persons.surname', 'persons.name', 'persons.patronymic', 'persons.birth_date', 'persons.external_id', 'classes.id as class_id', 'classes.name as class_name', 'classes.grade'])
    .where('class_members.school_id', '=', schoolId)
    .where('classes.academic_year_id', '=', yearId)
    .where('class_members.to_date', 'is', null);
  if (classId !== undefined) query = query.where('classes.id', '=', classId);
  return query.orderBy('classes.grade').orderBy('classes.name').orderBy('persons.surname').orderBy('persons.name').orderBy('persons.id').execute();
}

export async function guardiansOf(db: Q, schoolId: number, studentIds: number[]) {
  const out = [];
  for (const part of chunks(studentIds, 2000)) {
    out.push(
      ...(await db
        .selectFrom('guardianships')
        .innerJoin('persons', 'persons.id', 'guardianships.guardian_person_id')
        .select(['guardianships.student_person_id', 'guardianships.relation', 'persons.id', 'persons.surname', 'persons.name', 'persons.patronymic', 'persons.phone', 'persons.email'])
        .where('guardianships.school_id', '=', schoolId)
        .where('guardianships.student_person_id', 'in', part)
        .orderBy('guardianships.id')
        .execute()),
    );
  }
  return out;
}

export function currentStaff(db: Q, schoolId: number) {
  return db
    .selectFrom('staff')
    .innerJoin('persons', 'persons.id', 'staff.person_id')
    .select(['persons.id', 'persons.surname', 'persons.name', 'persons.patronymic', 'persons.birth_date', 'persons.external_id', 'persons.phone', 'persons.email', 'staff.position'])
    .where('staff.school_id', '=', schoolId)
    .where('staff.ended_on', 'is', null)
    .orderBy('persons.surname')
    .orderBy('persons.name')
    .execute();
}

export function staffRoles(db: Q, schoolId: number) {
  return db.selectFrom('grants').select(['person_id', 'role']).where('school_id', '=', schoolId).where('revoked_at', 'is', null).execute();
}

export function personNames(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('persons').select(['id', 'surname', 'name', 'patronymic']).where('id', 'in', ids).execute();
}

export function coursesWithNames(db: Q, schoolId: number, yearId: number) {
  return db
    .selectFrom('courses')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .leftJoin('course_teachers', 'course_teachers.course_id', 'courses.id')
    .select(['courses.id', 'classes.name as class_name', 'classes.grade', 'class_groups.name as group_name', 'subjects.name as subject_name', 'courses.hours_per_week', 'course_teachers.teacher_person_id'])
    .where('courses.school_id', '=', schoolId)
    .where('courses.academic_year_id', '=', yearId)
    .orderBy('classes.grade')
    .orderBy('classes.name')
    .orderBy('subjects.name')
    .execute();
}

export function yearName(db: Q, yearId: number) {
  return db.selectFrom('academic_years').select('name').where('id', '=', yearId).executeTakeFirst();
}

export async function accountsByPerson(db: Q, personIds: number[]) {
  const out = new Map<number, { id: number; status: string; login: string | null }>();
  for (const part of chunks(personIds, 2000)) {
    const rows = await db.selectFrom('accounts').select(['id', 'person_id', 'status', 'login']).where('person_id', 'in', part).execute();
    for (const r of rows) out.set(r.person_id, r);
  }
  return out;
}
