import type { Kysely } from 'kysely';
import { hotQuery } from '../../db/hot.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export function findAccountByLogin(db: Q, login: string) {
  return db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst();
}

export function insertSession(
  db: Q,
  row: { token_hash: string; account_id: number; created_at: string; expires_at: string; ip: string; user_agent: string },
) {
  return db
    .insertInto('sessions')
    .values({ ...row, last_seen_at: row.created_at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Runs on every request: a prepared statement (see db/hot.ts). */
export const findLiveSession = hotQuery((db) =>
  db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .innerJoin('persons', 'persons.id', 'accounts.person_id')
    .select([
      'sessions.id as sessionId',
      'sessions.last_seen_at as lastSeenAt',
      'sessions.expires_at as expiresAt',
      'sessions.revoked_at as revokedAt',
      'accounts.id as accountId',
      'accounts.status as status',
      'accounts.login as login',
      'persons.id as personId',
      'persons.surname as surname',
      'persons.name as name',
      'persons.patronymic as patronymic',
    ])
    .where('sessions.token_hash', '=', ''),
);

export function touchSession(db: Q, sessionId: number, at: string) {
  return db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export function revokeSession(db: Q, sessionId: number, at: string) {
  return db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export const activeGrants = hotQuery((db) =>
  db
    .selectFrom('grants')
    .select(['id', 'role', 'region_id', 'municipality_id', 'school_id', 'class_id'])
    .where('person_id', '=', 0)
    .where('revoked_at', 'is', null)
    .orderBy('id'),
);

export const childIdsOf = hotQuery((db) =>
  db.selectFrom('guardianships').select('student_person_id').where('guardian_person_id', '=', 0),
);

/** Parameters: person id, today, today. */
export const currentEnrolmentSchools = hotQuery((db) =>
  db
    .selectFrom('enrolments')
    .select('school_id')
    .where('person_id', '=', 0)
    .where('started_on', '<=', '')
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', '')])),
);

export function markSignedIn(db: Q, accountId: number, at: string) {
  return db.updateTable('accounts').set({ last_login_at: at, failed_logins: 0, locked_until: null }).where('id', '=', accountId).execute();
}

export function insertSecurityEvent(
  db: Q,
  row: { account_id: number | null; person_id: number | null; kind: string; detail: string; ip: string; user_agent: string; at: string },
) {
  return db.insertInto('security_events').values(row).execute();
}

export function findAccountByPerson(db: Q, personId: number) {
  return db.selectFrom('accounts').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export function insertPendingAccount(db: Q, personId: number, at: string) {
  return db
    .insertInto('accounts')
    .values({ person_id: personId, status: 'pending', failed_logins: 0, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function setActivationCode(db: Q, accountId: number, codeHash: string, expiresAt: string) {
  return db
    .updateTable('accounts')
    .set({ activation_code_hash: codeHash, activation_code_expires_at: expiresAt })
    .where('id', '=', accountId)
    .execute();
}

export const taughtCourseIds = hotQuery((db) =>
  db.selectFrom('course_teachers').select('course_id').where('teacher_person_id', '=', 0),
);
