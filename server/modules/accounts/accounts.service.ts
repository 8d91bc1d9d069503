import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { localDateOf } from '../../../shared/dates.js';
import type { ActivateBody, ChangePasswordBody, MeView, SessionView, SignInBody } from '../../../shared/contracts/accounts.js';
import * as q from './accounts.queries.js';
import { lastSeenOf, touchSessionLater } from './session-touches.js';
import { accessOf, currentEpoch, sessionOf, type SessionRow } from './access-cache.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { activationWaitSeconds, recordUnknownCode } from './activation-budget.js';
import { CODE_VALID_DAYS, formatActivationCode, generateActivationCode, normalizeActivationCode } from './activation-codes.js';
import { hashPassword, hashToken, newSessionToken, verifyPassword } from './passwords.js';
import { LOGIN_PATTERN, normalizeLogin, passwordProblem } from './password-policy.js';
import { isUniqueViolation, type Db } from '../../db/dialect.js';
import * as consents from '../consents/consents.service.js';

export { flushSessionTouches } from './session-touches.js';
/**
 * The database's access epoch (migration 0012): other modules key what they
 * keep of people's memberships by it, read before what it validates.
 */
export { currentEpoch } from './access-cache.js';

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

/** Failed sign-ins allowed before the account waits; then each failure doubles the wait, up to the cap. */
export const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 30 * 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;

/** The wait after the n-th consecutive failure (0 while under the free allowance). */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

/**
 * Throttled per account, not per address: a whole school signs in from one IP,
 * so the route's per-IP limit is generous and guessing is slowed here instead.
 */
export async function signIn(ctx: AppContext, input: SignInBody, meta: RequestMeta): Promise<{ token: string; expiresAt: string }> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const login = input.login.trim().toLowerCase();
  const userAgent = meta.userAgent.slice(0, 500);
  const log = (kind: string, account: { id: number; person_id: number } | undefined, detail = login) =>
    q.insertSecurityEvent(db, { account_id: account?.id ?? null, person_id: account?.person_id ?? null, kind, detail, ip: meta.ip, user_agent: userAgent, at });
  const account = await q.findAccountByLogin(db, login);
  if (account?.locked_until && account.locked_until > at) {
    await log('sign_in_throttled', account);
    const retryAfter = Math.ceil((new Date(account.locked_until).getTime() - now.getTime()) / 1000);
    throw new AppError('sign_in_throttled', { field: '/body/login', extra: { retryAfter } });
  }
  const ok = account?.password_hash ? await verifyPassword(input.password, account.password_hash) : await verifyPassword(input.password, DUMMY_HASH);
  if (!account || !ok) {
    if (account) {
      const failures = account.failed_logins + 1;
      const delay = throttleDelayMs(failures);
      await q.recordFailedSignIn(db, account.id, failures, delay > 0 ? new Date(now.getTime() + delay).toISOString() : null);
    }
    await log('sign_in_failed', account);
    throw new AppError('invalid_credentials', { field: '/body/password' });
  }
  if (account.status === 'blocked') {
    await log('sign_in_blocked', account);
    throw new AppError('account_blocked', { field: '/body/login' });
  }
  if (account.status !== 'active') {
    await log('sign_in_failed', account);
    throw new AppError('invalid_credentials', { field: '/body/password' });
  }
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    await q.insertSession(trx, { token_hash: hashToken(token), account_id: account.id, created_at: at, expires_at: expiresAt, ip: meta.ip, user_agent: userAgent });
    await q.markSignedIn(trx, account.id, at);
    await q.insertSecurityEvent(trx, { account_id: account.id, person_id: account.person_id, kind: 'sign_in', detail: '', ip: meta.ip, user_agent: userAgent, at });
  });
  return { token, expiresAt };
}

export async function signOut(ctx: AppContext, actor: Actor): Promise<void> {
  await q.revokeSession(ctx.db.kysely, actor.sessionId, ctx.clock.now().toISOString());
}

/** Builds the request's Actor from a session token; null when the session is unknown, expired or revoked. */
export async function actorForSessionToken(ctx: AppContext, token: string): Promise<Actor | null> {
  const epoch = await currentEpoch(ctx);
  const hash = hashToken(token);
  let session = await sessionOf(ctx, hash, epoch);
  if (!session || session.revokedAt || session.status !== 'active') return null;
  const now = ctx.clock.now();
  if (session.expiresAt <= now.toISOString()) return null;
  const idleOf = (row: SessionRow) => now.getTime() - new Date(lastSeenOf(ctx, row.sessionId, row.lastSeenAt)).getTime();
  // The kept row's last activity may be older than the database's (a batch written since, or another
  // process): read it again before touching or ending the session, at most once per TOUCH_EVERY_MS.
  if (idleOf(session) > TOUCH_EVERY_MS) session = await sessionOf(ctx, hash, epoch, true);
  if (!session) return null;
  const idle = idleOf(session);
  if (idle > SESSION_IDLE_MS) return null;
  if (idle > TOUCH_EVERY_MS) touchSessionLater(ctx, session.sessionId, now.toISOString());
  const access = await accessOf(ctx, session.personId, epoch, localDateOf(now, ctx.config.timeZone));
  return {
    accountId: session.accountId,
    personId: session.personId,
    sessionId: session.sessionId,
    login: session.login,
    displayName: [session.surname, session.name, session.patronymic].filter(Boolean).join(' '),
    ...access,
    accessEpoch: epoch,
  };
}

export function describeActor(actor: Actor): MeView {
  return {
    accountId: actor.accountId,
    personId: actor.personId,
    displayName: actor.displayName,
    login: actor.login,
    grants: [...actor.grants],
    childIds: [...actor.childIds],
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
  await q.clearCodeUse(trx, accountId);
  return { accountId, code, expiresAt };
}

function weakPassword(password: string, login: string | null, field: string): void {
  const problem = passwordProblem(password, login);
  if (problem) throw new AppError('password_too_weak', { field, detail: problem });
}

/**
 * Activation: the code from the letter, a login and a password. Refused while
 * the account depends on a consent that is not on record. One transaction:
 * a refused activation leaves the account exactly as it was.
 */
export async function activate(ctx: AppContext, input: ActivateBody, meta: RequestMeta): Promise<{ token: string; expiresAt: string }> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const wait = activationWaitSeconds(ctx);
  if (wait > 0) {
    await q.insertSecurityEvent(db, { account_id: null, person_id: null, kind: 'activation_throttled', detail: '', ip: meta.ip, user_agent: meta.userAgent.slice(0, 500), at });
    throw new AppError('activation_throttled', { field: '/body/code', extra: { retryAfter: wait } });
  }
  const account = await q.findAccountByCodeHash(db, hashToken(normalizeActivationCode(input.code)));
  if (!account) {
    recordUnknownCode(ctx);
    await q.insertSecurityEvent(db, { account_id: null, person_id: null, kind: 'activation_failed', detail: 'unknown code', ip: meta.ip, user_agent: meta.userAgent.slice(0, 500), at });
    throw new AppError('activation_code_invalid', { field: '/body/code' });
  }
  if (account.activation_code_used_at) throw new AppError('activation_code_used', { field: '/body/code' });
  if (!account.activation_code_expires_at || account.activation_code_expires_at <= at) throw new AppError('activation_code_expired', { field: '/body/code' });
  const login = normalizeLogin(input.login);
  if (!LOGIN_PATTERN.test(login)) throw new AppError('login_invalid', { field: '/body/login' });
  weakPassword(input.password, login, '/body/password');
  if ((await consents.consentStanding(db, account.person_id)) === 'missing') throw new AppError('consent_required', { field: '/body/code' });
  if (account.status === 'blocked') throw new AppError('account_blocked', { field: '/body/code' });
  const taken = await q.findAccountByLogin(db, login);
  if (taken && taken.id !== account.id) throw new AppError('login_taken', { field: '/body/login' });
  const passwordHash = await hashPassword(input.password);
  try {
    await db.transaction().execute(async (trx) => {
      await q.activateAccount(trx, account.id, { login, password_hash: passwordHash, at, firstActivation: account.activated_at == null });
      await q.revokeAllSessions(trx, account.id, at);
      await q.insertSecurityEvent(trx, { account_id: account.id, person_id: account.person_id, kind: 'activated', detail: login, ip: meta.ip, user_agent: meta.userAgent.slice(0, 500), at });
    });
  } catch (error) {
    // Two people racing for one login: the database's unique index decides.
    if (isUniqueViolation(error)) throw new AppError('login_taken', { field: '/body/login' });
    throw error;
  }
  return signIn(ctx, { login, password: input.password }, meta);
}

/** A new password ends every other session of the account (a stolen session dies with the old password). */
export async function changePassword(ctx: AppContext, actor: Actor, input: ChangePasswordBody, meta: RequestMeta): Promise<void> {
  const db = ctx.db.kysely;
  const account = await q.findAccount(db, actor.accountId);
  if (!account?.password_hash || !(await verifyPassword(input.currentPassword, account.password_hash))) {
    throw new AppError('wrong_password', { field: '/body/currentPassword' });
  }
  weakPassword(input.newPassword, account.login, '/body/newPassword');
  const hash = await hashPassword(input.newPassword);
  const at = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await q.setPassword(trx, account.id, hash, at);
    await q.revokeOtherSessions(trx, account.id, actor.sessionId, at);
    await q.insertSecurityEvent(trx, { account_id: account.id, person_id: account.person_id, kind: 'password_changed', detail: '', ip: meta.ip, user_agent: meta.userAgent.slice(0, 500), at });
  });
}

export async function listSessions(ctx: AppContext, actor: Actor): Promise<SessionView[]> {
  const now = ctx.clock.now();
  const rows = await q.liveSessions(ctx.db.kysely, actor.accountId, now.toISOString());
  return rows
    .filter((r) => now.getTime() - new Date(r.last_seen_at).getTime() <= SESSION_IDLE_MS)
    .map((r) => ({ id: r.id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, ip: r.ip, userAgent: r.user_agent, current: r.id === actor.sessionId }));
}

export async function endSession(ctx: AppContext, actor: Actor, sessionId: number): Promise<void> {
  const result = await q.revokeOwnSession(ctx.db.kysely, actor.accountId, sessionId, ctx.clock.now().toISOString());
  if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', { field: '/params/id' });
}

/**
 * Resets a person's access (the caller has checked the right to): a fresh code
 * voids the old one; the password stops working and every session ends, so a
 * lost or stolen password is dead at once. Runs inside the caller's transaction.
 */
export async function resetAccess(trx: Kysely<Database>, personId: number, by: number, now: Date) {
  const issued = await issueActivationCode(trx, personId, now);
  const account = await q.findAccount(trx, issued.accountId);
  if (account?.password_hash) await q.setPassword(trx, issued.accountId, null, now.toISOString());
  await q.revokeAllSessions(trx, issued.accountId, now.toISOString());
  await q.insertSecurityEvent(trx, { account_id: issued.accountId, person_id: personId, kind: 'access_reset', detail: `by ${by}`, ip: '', user_agent: '', at: now.toISOString() });
  return { ...issued, code: formatActivationCode(issued.code) };
}

/** Writes a security event for another module (grants given and withdrawn). */
export async function logSecurityEvent(trx: Kysely<Database>, row: { accountId?: number | null; personId: number | null; kind: string; detail: string; at: string }) {
  await q.insertSecurityEvent(trx, { account_id: row.accountId ?? null, person_id: row.personId, kind: row.kind, detail: row.detail, ip: '', user_agent: '', at: row.at });
}

/**
 * issueActivationCode for many people at once (imports of thousands of
 * pupils and guardians): people without an account get a pending account with
 * a fresh code in multi-row inserts; people who already have one go through
 * issueActivationCode one by one. Same rules, same transaction as the caller.
 */
export async function issueActivationCodes(
  db: Db,
  trx: Kysely<Database>,
  personIds: number[],
  now: Date,
  withAccount: ReadonlySet<number>,
): Promise<Map<number, { code: string; expiresAt: string }>> {
  const expiresAt = new Date(now.getTime() + CODE_VALID_DAYS * 24 * 3600 * 1000).toISOString();
  const out = new Map<number, { code: string; expiresAt: string }>();
  const fresh: Array<{ personId: number; codeHash: string; expiresAt: string }> = [];
  for (const personId of new Set(personIds)) {
    if (withAccount.has(personId)) {
      out.set(personId, await issueActivationCode(trx, personId, now));
      continue;
    }
    const code = generateActivationCode();
    fresh.push({ personId, codeHash: hashToken(code), expiresAt });
    out.set(personId, { code, expiresAt });
  }
  await q.insertPendingAccountsWithCodes(db, trx, fresh, now.toISOString());
  return out;
}
