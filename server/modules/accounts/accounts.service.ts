import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor, ActorGrant } from '../../policy/actor.js';
import type { Role } from '../../../shared/roles.js';
import { localDateOf } from '../../../shared/dates.js';
import type { MeView, SignInBody } from '../../../shared/contracts/accounts.js';
import * as q from './accounts.queries.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { CODE_VALID_DAYS, generateActivationCode } from './activation-codes.js';
import { hashToken, newSessionToken, verifyPassword } from './passwords.js';

/** Idle and absolute lifetime of a session. */
export const SESSION_IDLE_MS = 3 * 24 * 3600 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000;
/** last_seen_at is written at most this often, to keep reads free of writes. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

// A fixed hash verified when the login is unknown, so timing does not reveal which logins exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function signIn(ctx: AppContext, input: SignInBody, meta: RequestMeta): Promise<{ token: string; expiresAt: string }> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const login = input.login.trim().toLowerCase();
  const account = await q.findAccountByLogin(db, login);
  const ok = account?.password_hash ? await verifyPassword(input.password, account.password_hash) : await verifyPassword(input.password, DUMMY_HASH);
  if (!account || !ok || account.status !== 'active') {
    await q.insertSecurityEvent(db, {
      account_id: account?.id ?? null,
      person_id: account?.person_id ?? null,
      kind: 'sign_in_failed',
      detail: login,
      ip: meta.ip,
      user_agent: meta.userAgent,
      at: now.toISOString(),
    });
    throw new AppError('invalid_credentials', { field: '/body/password' });
  }
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    await q.insertSession(trx, {
      token_hash: hashToken(token),
      account_id: account.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 500),
    });
    await q.markSignedIn(trx, account.id, now.toISOString());
    await q.insertSecurityEvent(trx, {
      account_id: account.id,
      person_id: account.person_id,
      kind: 'sign_in',
      detail: '',
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 500),
      at: now.toISOString(),
    });
  });
  return { token, expiresAt };
}

export async function signOut(ctx: AppContext, actor: Actor): Promise<void> {
  await q.revokeSession(ctx.db.kysely, actor.sessionId, ctx.clock.now().toISOString());
}

/** Builds the request's Actor from a session token; null when the session is unknown, expired or revoked. */
export async function actorForSessionToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const db = ctx.db.kysely;
  const session = await q.findLiveSession.first(ctx.db, [hashToken(token)]);
  if (!session || session.revokedAt || session.status !== 'active') return null;
  const now = ctx.clock.now();
  if (session.expiresAt <= now.toISOString()) return null;
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > SESSION_IDLE_MS) return null;
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await q.touchSession(db, session.sessionId, now.toISOString());
  }
  const today = localDateOf(now, ctx.config.timeZone);
  const [grants, children, enrolments, courses] = await Promise.all([
    q.activeGrants.all(ctx.db, [session.personId]),
    q.childIdsOf.all(ctx.db, [session.personId]),
    q.currentEnrolmentSchools.all(ctx.db, [session.personId, today, today]),
    q.taughtCourseIds.all(ctx.db, [session.personId]),
  ]);
  return {
    accountId: session.accountId,
    personId: session.personId,
    sessionId: session.sessionId,
    login: session.login,
    displayName: [session.surname, session.name, session.patronymic].filter(Boolean).join(' '),
    grants: grants.map(
      (g): ActorGrant => ({
        id: g.id,
        role: g.role as Role,
        regionId: g.region_id,
        municipalityId: g.municipality_id,
        schoolId: g.school_id,
        classId: g.class_id,
      }),
    ),
    childIds: children.map((c) => c.student_person_id),
    studentSchoolIds: enrolments.map((e) => e.school_id),
    courseIds: courses.map((c) => c.course_id),
  };
}

export function describeActor(actor: Actor): MeView {
  return {
    accountId: actor.accountId,
    personId: actor.personId,
    displayName: actor.displayName,
    login: actor.login,
    grants: actor.grants,
    childIds: actor.childIds,
  };
}

/**
 * Makes sure a person has an account (pending until activated) and gives it a
 * fresh one-time activation code, voiding any earlier one. Runs inside the
 * caller's transaction (an import, a grant, a reissue); returns the plain code,
 * which is never stored.
 */
export async function issueActivationCode(
  trx: Kysely<Database>,
  personId: number,
  now: Date,
): Promise<{ accountId: number; code: string; expiresAt: string }> {
  const existing = await q.findAccountByPerson(trx, personId);
  const accountId = existing?.id ?? (await q.insertPendingAccount(trx, personId, now.toISOString())).id;
  const code = generateActivationCode();
  const expiresAt = new Date(now.getTime() + CODE_VALID_DAYS * 24 * 3600 * 1000).toISOString();
  await q.setActivationCode(trx, accountId, hashToken(code), expiresAt);
  return { accountId, code, expiresAt };
}
