/**
 * Account takeover defences, through the HTTP API on a real database and the
 * context's fixed clock: sessions end after the idle and the absolute limit
 * (and a dead session writes nothing); guessing one account's password slows
 * that account only, never its neighbours behind the same school address; the
 * address a client claims in X-Forwarded-For is believed only from a proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { grantRole, makeAccount, makePerson, makeRegionTree } from '../../test/factories.js';
import { journalFixture } from '../journal/journal-fixture.js';
import { ACTIVATION_FAILURES_PER_HOUR } from './activation-budget.js';
import { flushSessionTouches, FREE_FAILURES, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, throttleDelayMs } from './accounts.service.js';

let env: TestEnv;
let schoolId: number;
beforeAll(async () => {
  env = await createTestEnv();
  schoolId = (await makeRegionTree(env.ctx)).school.id;
});
afterAll(async () => env.close());

const SCHOOL_IP = '10.20.30.40';
async function account(login: string) {
  const personId = await makePerson(env.ctx);
  await grantRole(env.ctx, personId, 'teacher', { schoolId });
  return makeAccount(env.ctx, personId, { login, password: 'correct-horse-42' });
}
const signIn = (login: string, password: string, ip = SCHOOL_IP) =>
  call(env.app, 'POST', '/api/auth/sign-in', { body: { login, password }, headers: { 'x-forwarded-for': ip } });
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;
const accountRow = (login: string) =>
  env.ctx.db.kysely.selectFrom('accounts').select(['failed_logins', 'locked_until']).where('login', '=', login).executeTakeFirstOrThrow();

describe('sessions expire', () => {
  it('idle: alive just under the limit, 401 just over it, and the dead session writes nothing', async () => {
    const f = await journalFixture(env.ctx);
    const start = env.clock.now().getTime();
    env.clock.advance(SESSION_IDLE_MS - 1000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: f.teacher.cookie })).status).toBe(200);
    // That request counted as activity: the idle limit runs from it again.
    env.clock.advance(SESSION_IDLE_MS - 1000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: f.teacher.cookie })).status).toBe(200);
    env.clock.advance(SESSION_IDLE_MS + 1000);
    const me = await call(env.app, 'GET', '/api/auth/me', { cookie: f.teacher.cookie });
    expect(me).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    const write = await call(env.app, 'POST', '/api/journal/changes', {
      cookie: f.teacher.cookie,
      body: { changes: [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '5' }] },
    });
    expect(write.status).toBe(401);
    const marks = await env.ctx.db.kysely.selectFrom('marks').select('id').where('lesson_id', '=', f.lessonIds[0]!).execute();
    expect(marks).toEqual([]);
    expect(env.clock.now().getTime() - start).toBeGreaterThan(SESSION_IDLE_MS);
  }, 60_000);

  it('absolute: a session used every six hours still ends at its absolute limit, and is not listed after', async () => {
    await account('busy');
    const cookie = cookieOf(await signIn('busy', 'correct-horse-42'));
    const other = cookieOf(await signIn('busy', 'correct-horse-42'));
    const hour = 3600 * 1000;
    let lastOk = 0;
    for (let elapsed = 0; elapsed + 6 * hour < SESSION_ABSOLUTE_MS; elapsed += 6 * hour) {
      env.clock.advance(6 * hour);
      const res = await call(env.app, 'GET', '/api/auth/me', { cookie });
      await call(env.app, 'GET', '/api/auth/me', { cookie: other });
      expect(res.status).toBe(200);
      lastOk = elapsed + 6 * hour;
    }
    expect(lastOk).toBeGreaterThan(SESSION_ABSOLUTE_MS - 7 * hour);
    env.clock.advance(SESSION_ABSOLUTE_MS - lastOk + 1000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await call(env.app, 'GET', '/api/auth/sessions', { cookie: other })).status).toBe(401);
    // A fresh sign-in lists only itself: the expired sessions are gone from the list.
    const fresh = cookieOf(await signIn('busy', 'correct-horse-42'));
    const list = await call(env.app, 'GET', '/api/auth/sessions', { cookie: fresh });
    expect(list.body).toHaveLength(1);
    expect(list.body[0].current).toBe(true);
  }, 60_000);
});

describe('session activity', () => {
  it('is noted on the request and written in batches; the idle limit counts noted activity before it is written', async () => {
    await account('reader1');
    await account('reader2');
    const cookies = [cookieOf(await signIn('reader1', 'correct-horse-42')), cookieOf(await signIn('reader2', 'correct-horse-42'))];
    const lastSeen = async () =>
      (await env.ctx.db.kysely.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id').select(['login', 'last_seen_at']).where('login', 'in', ['reader1', 'reader2']).orderBy('login').execute()).map((r) => r.last_seen_at);
    env.clock.advance(SESSION_IDLE_MS - 1000);
    const seenAt = env.clock.now().toISOString();
    for (const cookie of cookies) expect((await call(env.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    // Almost another idle limit later: alive, because the limit runs from the noted activity, written or not.
    env.clock.advance(SESSION_IDLE_MS - 1000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: cookies[0] })).status).toBe(200);
    await flushSessionTouches(env.ctx);
    expect(await lastSeen()).toEqual([env.clock.now().toISOString(), seenAt]);
    // The other session was last seen an idle limit ago less a second: a little more and it has ended.
    env.clock.advance(2000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: cookies[1] })).status).toBe(401);
  });
});

describe('per-account sign-in throttling', () => {
  it('many failures for one account from a school’s address throttle it; another account there signs in at once', async () => {
    await account('pupil.a');
    await account('pupil.b');
    const answers: number[] = [];
    for (let i = 0; i < 20; i++) answers.push((await signIn('pupil.a', `guess-${i}`)).status);
    // The free allowance answers "wrong password"; then every attempt, right or wrong, is held back.
    expect(answers.slice(0, FREE_FAILURES)).toEqual(Array(FREE_FAILURES).fill(401));
    expect(answers.slice(FREE_FAILURES)).toEqual(Array(20 - FREE_FAILURES).fill(429));

    const locked = await signIn('pupil.a', 'correct-horse-42');
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.body).toMatchObject({ code: 'sign_in_throttled', field: '/body/login', status: 429, retryAfter: 30 });
    expect(locked.headers['retry-after']).toBe('30');
    expect(locked.headers['set-cookie']).toBeUndefined();
    // Attempts while held back are not counted as guesses, so the wait does not grow by them.
    expect(await accountRow('pupil.a')).toMatchObject({ failed_logins: FREE_FAILURES });

    // Account B behind the same address: at once, and its counter untouched.
    const b = await signIn('pupil.b', 'correct-horse-42');
    expect(b.status).toBe(200);
    expect(await accountRow('pupil.b')).toEqual({ failed_logins: 0, locked_until: null });
    // So is a wrong password for B: its own first failure, not A's lock.
    expect((await signIn('pupil.b', 'wrong')).body).toMatchObject({ code: 'invalid_credentials', field: '/body/password' });

    const events = await env.ctx.db.kysely.selectFrom('security_events').select(['kind', 'ip']).where('detail', '=', 'pupil.a').execute();
    expect(events.filter((e) => e.kind === 'sign_in_failed')).toHaveLength(FREE_FAILURES);
    expect(events.filter((e) => e.kind === 'sign_in_throttled').length).toBeGreaterThanOrEqual(20 - FREE_FAILURES);
    expect(new Set(events.map((e) => e.ip))).toEqual(new Set([SCHOOL_IP]));
  }, 60_000);

  it('each failure after a wait doubles it, up to a ceiling; the right password after the wait resets it', async () => {
    await account('target');
    for (let i = 0; i < FREE_FAILURES; i++) await signIn('target', `guess-${i}`);
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      const held = await signIn('target', 'still-guessing');
      expect(held.status).toBe(429);
      waits.push(Number(held.headers['retry-after']));
      env.clock.advance(Number(held.headers['retry-after']) * 1000 + 1);
      expect((await signIn('target', `guess-after-${round}`)).status).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(throttleDelayMs(100)).toBe(900_000);
    env.clock.advance(900_001);
    expect((await signIn('target', 'correct-horse-42')).status).toBe(200);
    expect(await accountRow('target')).toEqual({ failed_logins: 0, locked_until: null });
  }, 60_000);

  it('an unknown login answers as a wrong password, from the same address, without locking anyone', async () => {
    await account('known');
    for (let i = 0; i <= FREE_FAILURES; i++) {
      expect((await signIn('no-such-login', `guess-${i}`)).body).toMatchObject({ status: 401, code: 'invalid_credentials', field: '/body/password' });
    }
    expect((await signIn('known', 'correct-horse-42')).status).toBe(200);
  }, 60_000);
});

describe('the client address', () => {
  it('X-Forwarded-For is believed from a proxy on this machine or the private network, not from the internet', async () => {
    await account('addressed');
    const claim = (remoteAddress: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress,
        headers: { 'content-type': 'application/json', 'x-otmetka-csrf': '1', 'x-forwarded-for': '198.51.100.7' },
        payload: JSON.stringify({ login: 'addressed', password: 'wrong' }),
      });
    expect((await claim('127.0.0.1')).statusCode).toBe(401);
    expect((await claim('10.0.0.2')).statusCode).toBe(401);
    expect((await claim('203.0.113.9')).statusCode).toBe(401);
    const ips = await env.ctx.db.kysely.selectFrom('security_events').select('ip').where('detail', '=', 'addressed').orderBy('id').execute();
    expect(ips.map((r) => r.ip)).toEqual(['198.51.100.7', '198.51.100.7', '203.0.113.9']);
  }, 60_000);

  it('guessing activation codes hits the per-address ceiling, which a forged X-Forwarded-For does not escape', async () => {
    const guess = (remoteAddress: string, forwarded?: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/auth/activate',
        remoteAddress,
        headers: { 'content-type': 'application/json', 'x-otmetka-csrf': '1', ...(forwarded ? { 'x-forwarded-for': forwarded } : {}) },
        payload: JSON.stringify({ code: 'AAAAA-AAAAA', login: 'new.login', password: 'a long passphrase' }),
      });
    const statuses: number[] = [];
    // The route allows 300 a minute per address; each try claims another address, as a botnet would pretend.
    for (let i = 0; i < 301; i++) statuses.push((await guess('203.0.113.50', `198.51.100.${i % 250}`)).statusCode);
    expect(statuses.slice(0, 300).every((s) => s === 400)).toBe(true);
    const over = await guess('203.0.113.50', '192.0.2.1');
    expect(statuses[300]).toBe(429);
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(over.body)).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Another address (another school) is not affected.
    expect((await guess('203.0.113.51')).statusCode).toBe(400);
  }, 60_000);

  it('many machines guessing activation codes at once exhaust the installation’s hourly budget: 429 for all until it refills', async () => {
    env.clock.advance(3600_000 + 1000); // an empty window
    const guess = (forwarded: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/auth/activate',
        headers: { 'content-type': 'application/json', 'x-otmetka-csrf': '1', 'x-forwarded-for': forwarded },
        payload: JSON.stringify({ code: 'CCCCC-CCCCC', login: 'botnet.login', password: 'a long passphrase' }),
      });
    // Spread over 250 addresses (a botnet): each stays far under its own per-address ceiling.
    for (let i = 0; i < ACTIVATION_FAILURES_PER_HOUR; i++) {
      const res = await guess(`100.64.${i % 250}.${1 + (i % 7)}`);
      if (res.statusCode !== 400) throw new Error(`guess ${i}: ${res.statusCode} ${res.body}`);
    }
    const held = await guess('100.65.0.1');
    expect(held.statusCode).toBe(429);
    expect(JSON.parse(held.body)).toMatchObject({ code: 'activation_throttled', field: '/body/code' });
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(3000);
    env.clock.advance(3600_000);
    expect((await guess('100.65.0.2')).statusCode).toBe(400);
  }, 120_000);
});
