/** SQL of term locks and of the deputy's control page (the school's current year, its terms and classes). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export function classOfSchool(db: Q, classId: number) {
  return db.selectFrom('classes').select(['id', 'school_id']).where('id', '=', classId).executeTakeFirst();
}

/** A lock of the whole school's term, or (with a class) of that class's term, already in force. */
export function schoolOrClassLock(db: Q, schoolId: number, termId: number, classId: number | null) {
  return db
    .selectFrom('term_locks')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where((eb) => (classId ? eb.or([eb('scope', '=', 'school'), eb.and([eb('scope', '=', 'class'), eb('class_id', '=', classId)])]) : eb('scope', '=', 'school')))
    .executeTakeFirst();
}

export async function insertLock(
  db: Q,
  row: { school_id: number; term_id: number; scope: 'school' | 'class' | 'course'; class_id: number | null; course_id: number | null; locked_by: number; locked_at: string },
): Promise<number> {
  return (await db.insertInto('term_locks').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function locksOfSchool(db: Q, schoolId: number) {
  return db
    .selectFrom('term_locks')
    .innerJoin('terms', 'terms.id', 'term_locks.term_id')
    .select(['term_locks.id', 'term_locks.term_id', 'terms.name', 'term_locks.scope', 'term_locks.class_id', 'term_locks.course_id', 'term_locks.locked_at'])
    .where('term_locks.school_id', '=', schoolId)
    .orderBy('term_locks.id')
    .execute();
}

/** The school's latest academic year with its terms and classes, for the control page's pickers. */
export async function currentYearOfSchool(db: Q, schoolId: number) {
  const year = await db.selectFrom('academic_years').select('id').where('school_id', '=', schoolId).orderBy('starts_on', 'desc').executeTakeFirst();
  if (!year) return null;
  const [terms, classes] = await Promise.all([
    db.selectFrom('terms').select(['id', 'name', 'starts_on', 'ends_on']).where('academic_year_id', '=', year.id).orderBy('starts_on').orderBy('id').execute(),
    db.selectFrom('classes').select(['id', 'name']).where('academic_year_id', '=', year.id).orderBy('grade').orderBy('letter').execute(),
  ]);
  return { terms, classes };
}
