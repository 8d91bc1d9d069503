import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { grantRole, makeAccount, makePerson, makeRegionTree } from '../../test/factories.js';
import { FREE_FAILURES, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './accounts.service.js';

let env: TestEnv;
let schoolId: number;
beforeAll(async () => {
  env = await createTestEnv();
  schoolId = (await makeRegionTree(env.ctx)).school.id;
});
afterAll(async () => env.close());

async function teacher(login: string) {
  const personId = await makePerson(env.ctx);
  await grantRole(env.ctx, personId, 'teacher', { schoolId });
  return { personId, ...(await makeAccount(env.ctx, personId, { login, password: 'correct-horse-42' })) };
}

const signIn = (login: string, password: string, ua = 'Firefox/130') =>
  call(env.app, 'POST', '/api/auth/sign-in', { body: { login, password }, headers: { 'user-agent': ua, 'x-forwarded-for': '10.1.2.3' } });
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;

describe('sign-in', () => {
  it('logs sign-ins and failures with time, IP and user agent', async () => {
    const t = await teacher('log.me');
    expect((await signIn('log.me', 'wrong-password')).status).toBe(401);
    expect((await signIn('log.me', 'correct-horse-42')).status).toBe(200);
    const events = await env.ctx.db.kysely.selectFrom('security_events').selectAll().where('account_id', '=', t.accountId).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['sign_in_failed', 'sign_in']);
    expect(events[1]).toMatchObject({ ip: '10.1.2.3', user_agent: 'Firefox/130', at: env.clock.now().toISOString() });
  });

  it('throttles one account with growing delays, not the whole address', async () => {
    await teacher('victim');
    await teacher('neighbour');
    for (let i = 0; i < FREE_FAILURES - 1; i++) expect((await signIn('victim', `guess-${i}`)).body.code).toBe('invalid_credentials');
    expect((await signIn('victim', 'guess-last')).body.code).toBe('invalid_credentials');
    const locked = await signIn('victim', 'correct-horse-42');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'sign_in_throttled', retryAfter: 30 });
    // Another account from the same address signs in at once.
    expect((await signIn('neighbour', 'correct-horse-42')).status).toBe(200);

    env.clock.advance(31_000);
    expect((await signIn('victim', 'guess-again')).status).toBe(401);
    const longer = await signIn('victim', 'correct-horse-42');
    expect(longer.body).toMatchObject({ code: 'sign_in_throttled', retryAfter: 60 });
    env.clock.advance(61_000);
    expect((await signIn('victim', 'correct-horse-42')).status).toBe(200);
    const row = await env.ctx.db.kysely.selectFrom('accounts').select(['failed_logins', 'locked_until']).where('login', '=', 'victim').executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('a session ends after the idle limit, and after the absolute limit however active', async () => {
    await teacher('idle');
    const cookie = cookieOf(await signIn('idle', 'correct-horse-42'));
    env.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    env.clock.advance(SESSION_IDLE_MS + 1000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie })).status).toBe(401);

    const busy = cookieOf(await signIn('idle', 'correct-horse-42'));
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS; elapsed += SESSION_IDLE_MS / 2) {
      env.clock.advance(SESSION_IDLE_MS / 2);
      await call(env.app, 'GET', '/api/auth/me', { cookie: busy });
    }
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: busy })).status).toBe(401);
  });

  it('changing the password ends the other sessions, keeps this one, and refuses a weak one', async () => {
    await teacher('changer');
    const laptop = cookieOf(await signIn('changer', 'correct-horse-42', 'Laptop'));
    const phone = cookieOf(await signIn('changer', 'correct-horse-42', 'Phone'));
    const sessions = await call(env.app, 'GET', '/api/auth/sessions', { cookie: laptop });
    expect(sessions.body.map((s: { userAgent: string; current: boolean }) => [s.userAgent, s.current]).sort()).toEqual([
      ['Laptop', true],
      ['Phone', false],
    ]);
    const wrong = await call(env.app, 'POST', '/api/auth/password', { cookie: laptop, body: { currentPassword: 'nope', newPassword: 'a new long phrase' } });
    expect(wrong.body).toMatchObject({ code: 'wrong_password', field: '/body/currentPassword' });
    const weak = await call(env.app, 'POST', '/api/auth/password', { cookie: laptop, body: { currentPassword: 'correct-horse-42', newPassword: 'password1' } });
    expect(weak.body).toMatchObject({ code: 'password_too_weak', field: '/body/newPassword' });
    const ok = await call(env.app, 'POST', '/api/auth/password', { cookie: laptop, body: { currentPassword: 'correct-horse-42', newPassword: 'a new long phrase' } });
    expect(ok.status).toBe(204);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: phone })).status).toBe(401);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: laptop })).status).toBe(200);
    expect((await signIn('changer', 'correct-horse-42')).status).toBe(401);
    expect((await signIn('changer', 'a new long phrase')).status).toBe(200);
  });

  it('one can end one’s own other session, never someone else’s', async () => {
    await teacher('ender');
    await teacher('stranger');
    const a = cookieOf(await signIn('ender', 'correct-horse-42', 'A'));
    const b = cookieOf(await signIn('ender', 'correct-horse-42', 'B'));
    const other = cookieOf(await signIn('stranger', 'correct-horse-42'));
    const list = (await call(env.app, 'GET', '/api/auth/sessions', { cookie: a })).body as Array<{ id: number; userAgent: string }>;
    const bId = list.find((s) => s.userAgent === 'B')!.id;
    expect((await call(env.app, 'DELETE', `/api/auth/sessions/${bId}`, { cookie: other })).status).toBe(404);
    expect((await call(env.app, 'DELETE', `/api/auth/sessions/${bId}`, { cookie: a })).status).toBe(204);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: b })).status).toBe(401);
  });

  it('the session cookie is HttpOnly and SameSite=Lax', async () => {
    await teacher('cookie');
    const res = await signIn('cookie', 'correct-horse-42');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Lax/);
  });
});
