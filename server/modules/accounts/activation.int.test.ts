import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';

let env: TestEnv;
let t: Awaited<ReturnType<typeof makeRegionTree>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  env = await createTestEnv();
  t = await makeRegionTree(env.ctx);
  admin = await signedIn(env.ctx, 'school_admin', { schoolId: t.school.id });
});
afterAll(async () => env.close());

const db = () => env.ctx.db.kysely;

async function newTeacher(surname = 'Петрова') {
  const res = await call(env.app, 'POST', `/api/schools/${t.school.id}/staff`, { cookie: admin.cookie, body: { surname, name: 'Анна', roles: ['teacher'] } });
  expect(res.status).toBe(201);
  return res.body as { personId: number; activationCode: string };
}

describe('activation', () => {
  it('a new staff member gets a pending account and a 10-character code; activation records the time and signs in', async () => {
    const created = await newTeacher();
    expect(created.activationCode).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    const pending = await db().selectFrom('accounts').selectAll().where('person_id', '=', created.personId).executeTakeFirstOrThrow();
    expect(pending.status).toBe('pending');
    expect(pending.activation_code_hash).not.toContain(created.activationCode.replace('-', ''));

    const res = await call(env.app, 'POST', '/api/auth/activate', { body: { code: created.activationCode.toLowerCase(), login: 'Petrova.A', password: 'синий трактор 7' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ personId: created.personId, login: 'petrova.a' });
    expect(res.headers['set-cookie']).toContain('HttpOnly');
    const account = await db().selectFrom('accounts').selectAll().where('person_id', '=', created.personId).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ status: 'active', login: 'petrova.a', activated_at: env.clock.now().toISOString() });

    const again = await call(env.app, 'POST', '/api/auth/activate', { body: { code: created.activationCode, login: 'other', password: 'синий трактор 7' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'activation_code_used', field: '/body/code' });
  });

  it('wrong, expired codes; weak password; taken login: each its own code, and the account stays pending', async () => {
    const created = await newTeacher('Сидорова');
    const wrong = await call(env.app, 'POST', '/api/auth/activate', { body: { code: 'AAAAA-AAAAA', login: 'sidorova', password: 'синий трактор 7' } });
    expect(wrong.body).toMatchObject({ code: 'activation_code_invalid', field: '/body/code' });
    expect(wrong.status).toBe(400);

    const weak = await call(env.app, 'POST', '/api/auth/activate', { body: { code: created.activationCode, login: 'sidorova', password: 'qwerty123' } });
    expect(weak.body).toMatchObject({ code: 'password_too_weak', field: '/body/password' });
    const short = await call(env.app, 'POST', '/api/auth/activate', { body: { code: created.activationCode, login: 'sidorova', password: 'a1b2c3' } });
    expect(short.body).toMatchObject({ code: 'password_too_weak' });
    const badLogin = await call(env.app, 'POST', '/api/auth/activate', { body: { code: created.activationCode, login: 'сидорова', password: 'синий трактор 7' } });
    expect(badLogin.body).toMatchObject({ code: 'login_invalid', field: '/body/login' });
    const taken = await call(env.app, 'POST', '/api/auth/activate', { body: { code: created.activationCode, login: 'petrova.a', password: 'синий трактор 7' } });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'login_taken', field: '/body/login' });

    const account = await db().selectFrom('accounts').selectAll().where('person_id', '=', created.personId).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ status: 'pending', login: null, password_hash: null, activated_at: null });

    env.clock.advance(61 * 24 * 3600 * 1000);
    const expired = await call(env.app, 'POST', '/api/auth/activate', { body: { code: created.activationCode, login: 'sidorova', password: 'синий трактор 7' } });
    env.clock.advance(-61 * 24 * 3600 * 1000);
    expect(expired.body).toMatchObject({ code: 'activation_code_expired', field: '/body/code' });
  });

  it('reissuing voids the old code; the reset also ends sessions and the old password', async () => {
    const created = await newTeacher('Кузнецова');
    const ok = await call(env.app, 'POST', '/api/auth/activate', { body: { code: created.activationCode, login: 'kuznetsova', password: 'зелёный лес 42' } });
    const cookie = (ok.headers['set-cookie'] as string).split(';')[0]!;
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);

    const reissued = await call(env.app, 'POST', `/api/people/${created.personId}/activation-code`, { cookie: admin.cookie });
    expect(reissued.status).toBe(200);
    expect(reissued.body.code).not.toBe(created.activationCode);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    const oldPassword = await call(env.app, 'POST', '/api/auth/sign-in', { body: { login: 'kuznetsova', password: 'зелёный лес 42' } });
    expect(oldPassword.status).toBe(401);

    const second = await call(env.app, 'POST', `/api/people/${created.personId}/activation-code`, { cookie: admin.cookie });
    const old = await call(env.app, 'POST', '/api/auth/activate', { body: { code: reissued.body.code, login: 'kuznetsova', password: 'новый пароль 43' } });
    expect(old.body.code).toBe('activation_code_invalid');
    const fresh = await call(env.app, 'POST', '/api/auth/activate', { body: { code: second.body.code, login: 'kuznetsova', password: 'новый пароль 43' } });
    expect(fresh.status).toBe(200);
    const events = await db().selectFrom('security_events').select('kind').where('person_id', '=', created.personId).execute();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['activated', 'access_reset', 'sign_in']));
  });

  it('a school admin of another school cannot reissue this person’s code (404)', async () => {
    const created = await newTeacher('Орлова');
    const other = await makeRegionTree(env.ctx);
    const foreign = await signedIn(env.ctx, 'school_admin', { schoolId: other.school.id });
    const res = await call(env.app, 'POST', `/api/people/${created.personId}/activation-code`, { cookie: foreign.cookie });
    expect(res.status).toBe(404);
  });
});
