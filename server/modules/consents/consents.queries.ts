import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export function activeRoles(db: Q, personId: number) {
  return db.selectFrom('grants').select('role').where('person_id', '=', personId).where('revoked_at', 'is', null).execute();
}

export async function studentsWithConsent(db: Q, studentIds: number[]): Promise<Set<number>> {
  if (studentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('consents')
    .select('student_person_id')
    .distinct()
    .where('student_person_id', 'in', studentIds)
    .where('withdrawn_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.student_person_id));
}

export function childrenOf(db: Q, guardianId: number) {
  return db.selectFrom('guardianships').select('student_person_id').where('guardian_person_id', '=', guardianId).execute();
}

export function guardiansOf(db: Q, studentId: number) {
  return db
    .selectFrom('guardianships')
    .innerJoin('persons', 'persons.id', 'guardianships.guardian_person_id')
    .select(['persons.id', 'persons.surname', 'persons.name', 'persons.patronymic', 'guardianships.relation'])
    .where('guardianships.student_person_id', '=', studentId)
    .orderBy('persons.id')
    .execute();
}

export function currentEnrolment(db: Q, studentId: number, today: string) {
  return db
    .selectFrom('enrolments')
    .select(['school_id'])
    .where('person_id', '=', studentId)
    .where('started_on', '<=', today)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
    .orderBy('started_on', 'desc')
    .executeTakeFirst();
}

export function insertConsent(
  db: Q,
  row: { school_id: number; student_person_id: number; guardian_person_id: number; given_on: string; document_number: string; recorded_by: number | null; recorded_at: string },
) {
  return db.insertInto('consents').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findConsent(db: Q, id: number) {
  return db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function withdraw(db: Q, id: number, row: { withdrawn_on: string; withdrawn_by: number | null; withdrawn_at: string; withdrawal_note: string | null }) {
  return db.updateTable('consents').set(row).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();
}

export function consentsOf(db: Q, studentId: number) {
  return db
    .selectFrom('consents')
    .innerJoin('persons', 'persons.id', 'consents.guardian_person_id')
    .select([
      'consents.id',
      'consents.school_id',
      'consents.student_person_id',
      'consents.guardian_person_id',
      'consents.given_on',
      'consents.document_number',
      'consents.scan_file',
      'consents.recorded_at',
      'consents.withdrawn_on',
      'consents.withdrawn_at',
      'persons.surname',
      'persons.name',
      'persons.patronymic',
    ])
    .where('consents.student_person_id', '=', studentId)
    .orderBy('consents.id', 'desc')
    .execute();
}

export function setScan(db: Q, id: number, file: string, type: string, size: number) {
  return db.updateTable('consents').set({ scan_file: file, scan_type: type, scan_size: size }).where('id', '=', id).execute();
}

export function accountsOf(db: Q, personIds: number[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('accounts').select(['id', 'person_id', 'status', 'blocked_reason', 'login']).where('person_id', 'in', personIds).execute();
}

export function blockForConsent(db: Q, accountId: number) {
  return db.updateTable('accounts').set({ status: 'blocked', blocked_reason: 'consent' }).where('id', '=', accountId).where('status', '!=', 'blocked').execute();
}

/** Back to what it was before the block: active when the owner had chosen a login, pending otherwise. */
export function unblockConsent(db: Q, accountId: number, status: 'active' | 'pending') {
  return db.updateTable('accounts').set({ status, blocked_reason: null }).where('id', '=', accountId).where('blocked_reason', '=', 'consent').execute();
}

export function revokeSessions(db: Q, accountIds: number[], at: string) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db.updateTable('sessions').set({ revoked_at: at }).where('account_id', 'in', accountIds).where('revoked_at', 'is', null).execute();
}

export function insertSecurityEvent(db: Q, row: { account_id: number | null; person_id: number | null; kind: string; detail: string; at: string }) {
  return db.insertInto('security_events').values({ ...row, ip: '', user_agent: '' }).execute();
}

/** Students enrolled today per school, and how many of them have consent on record. */
export function coverage(db: Q, schoolIds: number[] | null, today: string) {
  let query = db
    .selectFrom('enrolments')
    .select((eb) => [
      'enrolments.school_id',
      eb.fn.count<number>('enrolments.person_id').distinct().as('students'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('consents')
                  .select('consents.id')
                  .whereRef('consents.student_person_id', '=', 'enrolments.person_id')
                  .where('consents.withdrawn_at', 'is', null),
              ),
            )
            .then(eb.ref('enrolments.person_id'))
            .end(),
        )
        .distinct()
        .as('with_consent'),
    ])
    .where('enrolments.started_on', '<=', today)
    .where((eb) => eb.or([eb('enrolments.ended_on', 'is', null), eb('enrolments.ended_on', '>', today)]))
    .groupBy('enrolments.school_id');
  if (schoolIds) query = query.where('enrolments.school_id', 'in', schoolIds.length ? schoolIds : [-1]);
  return query.execute();
}
