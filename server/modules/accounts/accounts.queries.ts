import type { Kysely } from 'kysely';
import { insertRows } from '../../db/bulk.js';
import type { Db } from '../../db/dialect.js';
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

/** Runs on every request, before anything it validates (see accounts/access-cache.ts). */
export const accessEpoch = hotQuery((db) => db.selectFrom('access_epoch').select('value'));

/** Runs when the access epoch has moved or the session is not kept: a prepared statement (see db/hot.ts). */
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

/** The guardian's children with consent on record: without it a guardian sees nothing of the child. Parameter: guardian id. */
export const childIdsOf = hotQuery((db) =>
  db
    .selectFrom('guardianships')
    .select('student_person_id')
    .where('guardian_person_id', '=', 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('consents')
          .select('consents.id')
          .whereRef('consents.student_person_id', '=', 'guardianships.student_person_id')
          .where('consents.withdrawn_at', 'is', null),
      ),
    ),
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

export function findAccountByCodeHash(db: Q, codeHash: string) {
  return db.selectFrom('accounts').selectAll().where('activation_code_hash', '=', codeHash).executeTakeFirst();
}

export function findAccount(db: Q, accountId: number) {
  return db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
}

export function recordFailedSignIn(db: Q, accountId: number, failedLogins: number, lockedUntil: string | null) {
  return db.updateTable('accounts').set({ failed_logins: failedLogins, locked_until: lockedUntil }).where('id', '=', accountId).execute();
}

export function activateAccount(db: Q, accountId: number, row: { login: string; password_hash: string; at: string; firstActivation: boolean }) {
  return db
    .updateTable('accounts')
    .set({
      login: row.login,
      password_hash: row.password_hash,
      status: 'active',
      ...(row.firstActivation ? { activated_at: row.at } : {}),
      activation_code_used_at: row.at,
      password_changed_at: row.at,
      failed_logins: 0,
      locked_until: null,
    })
    .where('id', '=', accountId)
    .execute();
}

export function setPassword(db: Q, accountId: number, passwordHash: string | null, at: string) {
  return db.updateTable('accounts').set({ password_hash: passwordHash, password_changed_at: at }).where('id', '=', accountId).execute();
}

export function clearCodeUse(db: Q, accountId: number) {
  return db.updateTable('accounts').set({ activation_code_used_at: null }).where('id', '=', accountId).execute();
}

export function revokeOtherSessions(db: Q, accountId: number, keepSessionId: number, at: string) {
  return db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('id', '!=', keepSessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function revokeAllSessions(db: Q, accountId: number, at: string) {
  return db.updateTable('sessions').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
}

export function liveSessions(db: Q, accountId: number, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export function revokeOwnSession(db: Q, accountId: number, sessionId: number, at: string) {
  return db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id', '=', sessionId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Bulk form of insertPendingAccount + setActivationCode for imports: one multi-row INSERT per 500 people. */
export async function insertPendingAccountsWithCodes(db: Db, trx: Q, rows: Array<{ personId: number; codeHash: string; expiresAt: string }>, at: string) {
  await insertRows(
    db,
    trx,
    'accounts',
    rows.map((r) => ({ person_id: r.personId, status: 'pending' as const, failed_logins: 0, created_at: at, activation_code_hash: r.codeHash, activation_code_expires_at: r.expiresAt })),
  );
}
