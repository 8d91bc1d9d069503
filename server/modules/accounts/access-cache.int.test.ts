/**
 * The actor's access (grants, children with consent, enrolments, taught
 * courses) is kept per person between requests and rebuilt when the access
 * epoch moves. The epoch is moved by the database's own triggers, so a change
 * made anywhere (another server process, an operator in psql) ends access on
 * the very next request of any process.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeAccount, makePerson } from '../../test/factories.js';
import Database from 'better-sqlite3';
import { SESSION_IDLE_MS } from './accounts.service.js';
import { currentEpoch } from './access-cache.js';
import { SHARED_MS } from '../../db/change-token.js';
import { diaryFixture } from '../diary/diary-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof diaryFixture>>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await diaryFixture(env.ctx);
});
afterAll(async () => env.close());

const db = () => env.ctx.db.kysely;
const now = () => env.clock.now().toISOString();
const epoch = async () => Number((await db().selectFrom('access_epoch').select('value').executeTakeFirstOrThrow()).value);
const me = async (cookie: string) => {
  const res = await call(env.app, 'GET', '/api/auth/me', { cookie });
  expect(res.status).toBe(200);
  return res.body as { grants: Array<{ role: string }>; childIds: number[] };
};
const grid = (cookie: string) => call(env.app, 'GET', `/api/journal/courses/${f.a.courseId}?termId=${f.a.termId}`, { cookie });

describe('the database moves the access epoch', () => {
  it("on every change of an access table, a membership, a session's revocation, an account's status, a name", async () => {
    const person = await makePerson(env.ctx);
    await makeAccount(env.ctx, person, { password: null });
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['grant added', () => db().insertInto('grants').values({ person_id: person, role: 'teacher', school_id: f.a.schoolId, granted_at: now() } as never).execute()],
      ['grant revoked', () => db().updateTable('grants').set({ revoked_at: now() }).where('person_id', '=', person).execute()],
      ['grant deleted', () => db().deleteFrom('grants').where('person_id', '=', person).execute()],
      ['course teacher added', () => db().insertInto('course_teachers').values({ school_id: f.a.schoolId, course_id: f.a.courseId, teacher_person_id: person } as never).execute()],
      ['course teacher removed', () => db().deleteFrom('course_teachers').where('teacher_person_id', '=', person).execute()],
      ['guardianship added', () => db().insertInto('guardianships').values({ school_id: f.a.schoolId, guardian_person_id: person, student_person_id: f.childA, relation: 'other', created_at: now() }).execute()],
      ['guardianship removed', () => db().deleteFrom('guardianships').where('guardian_person_id', '=', person).execute()],
      ['consent withdrawn', () => db().updateTable('consents').set({ withdrawal_note: 'x' }).where('student_person_id', '=', f.childB).execute()],
      ['enrolment ended', () => db().updateTable('enrolments').set({ ended_on: '2027-06-30' }).where('person_id', '=', f.childB).execute()],
      ['class membership ended', () => db().updateTable('class_members').set({ to_date: '2027-06-30' }).where('student_person_id', '=', f.childB).execute()],
      ['session revoked', () => db().updateTable('sessions').set({ revoked_at: now() }).where('account_id', '=', f.pupil.accountId).execute()],
      ['account blocked', () => db().updateTable('accounts').set({ status: 'blocked' }).where('person_id', '=', person).execute()],
      ['person renamed', () => db().updateTable('persons').set({ surname: 'Переименованная' }).where('id', '=', person).execute()],
    ];
    for (const [step, change] of steps) {
      const before = await epoch();
      await change();
      expect({ step, moved: (await epoch()) > before }).toEqual({ step, moved: true });
    }
  });

  it('not by reads, sign-ins, session activity or marks', async () => {
    const before = await epoch();
    await makeAccount(env.ctx, await makePerson(env.ctx), { login: 'fresh-account', password: 'correct-horse-42' });
    const before2 = await epoch();
    expect((await call(env.app, 'POST', '/api/auth/sign-in', { body: { login: 'fresh-account', password: 'correct-horse-42' } })).status).toBe(200);
    await db().updateTable('sessions').set({ last_seen_at: now() }).execute();
    // Statements that change no row, or no watched column, move nothing either.
    await db().updateTable('grants').set({ revoked_at: now() }).where('id', '=', -1).execute();
    await db().deleteFrom('enrolments').where('id', '=', -1).execute();
    await db().updateTable('sessions').set({ revoked_at: null }).where('revoked_at', 'is', null).execute();
    await db().updateTable('persons').set({ email: 'changed@school.test' }).where('id', '=', f.guardian.personId).execute();
    expect(await epoch()).toBe(before2);
    expect(before2).toBeGreaterThanOrEqual(before);
    expect((await grid(f.a.teacher.cookie)).status).toBe(200);
    await call(env.app, 'POST', '/api/journal/changes', { cookie: f.a.teacher.cookie, body: { changes: [{ kind: 'mark', lessonId: f.a.lessonIds[0], studentId: f.childA, value: '4' }] } });
    expect(await epoch()).toBe(before);
  });
});

describe('one read of the epoch serves the requests of the next millisecond (SQLite)', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("sees a change made through this process's connection at once", async () => {
    const before = await currentEpoch(env.ctx);
    await db().updateTable('access_epoch').set({ value: sql`value + 1` }).where('id', '=', 1).execute();
    expect(await currentEpoch(env.ctx)).not.toBe(before);
  });

  it('sees a change made by another process once the read is older than SHARED_MS', async () => {
    const sqlite = env.ctx.db.sqlite;
    if (!sqlite) return; // PostgreSQL reads the epoch on every request
    const g = await diaryFixture(env.ctx);
    const other = new Database(sqlite.name);
    try {
      expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(200);
      const started = performance.now();
      const read = await currentEpoch(env.ctx);
      other.prepare('update sessions set revoked_at = ? where account_id = ?').run(now(), g.pupil.accountId);
      const shared = await currentEpoch(env.ctx);
      // Shared while young (when this test ran fast enough to tell), never after.
      if (performance.now() - started < SHARED_MS) expect(shared).toBe(read);
      await pause(SHARED_MS + 2);
      expect(await currentEpoch(env.ctx)).not.toBe(read);
      expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(401);
    } finally {
      other.close();
    }
  });
});

describe('a change made outside this process ends access on the next request', () => {
  it('a session revoked, an account blocked, a name changed', async () => {
    const g = await diaryFixture(env.ctx);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(200);
    await db().updateTable('sessions').set({ revoked_at: now() }).where('account_id', '=', g.pupil.accountId).execute();
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(401);

    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.guardian.cookie })).status).toBe(200);
    await db().updateTable('persons').set({ surname: 'Новикова' }).where('id', '=', g.guardian.personId).execute();
    expect((await me(g.guardian.cookie) as unknown as { displayName: string }).displayName).toMatch(/^Новикова /);
    await db().updateTable('accounts').set({ status: 'blocked' }).where('id', '=', g.guardian.accountId).execute();
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.guardian.cookie })).status).toBe(401);
  });

  it('a revoked grant', async () => {
    const { teacher } = await diaryFixture(env.ctx).then((g) => g.a);
    expect((await me(teacher.cookie)).grants.map((g) => g.role)).toContain('teacher');
    await db().updateTable('grants').set({ revoked_at: now() }).where('person_id', '=', teacher.personId).execute();
    expect((await me(teacher.cookie)).grants).toEqual([]);
  });

  it('a teacher taken off the course: it leaves their home page', async () => {
    const courses = async () => {
      const res = await call(env.app, 'GET', '/api/journal/home', { cookie: f.a.teacher.cookie });
      expect(res.status).toBe(200);
      return (res.body as { courses: Array<{ courseId: number }> }).courses.map((c) => c.courseId);
    };
    expect(await courses()).toContain(f.a.courseId);
    await db().deleteFrom('course_teachers').where('course_id', '=', f.a.courseId).where('teacher_person_id', '=', f.a.teacher.personId).execute();
    expect(await courses()).not.toContain(f.a.courseId);
  });

  it('a consent withdrawn: the guardian loses the child', async () => {
    expect((await me(f.guardian.cookie)).childIds).toContain(f.childA);
    const week = () => call(env.app, 'GET', `/api/diary/students/${f.childA}/week?week=2026-10-12`, { cookie: f.guardian.cookie });
    expect((await week()).status).toBe(200);
    await db().updateTable('consents').set({ withdrawn_at: now(), withdrawn_on: '2026-10-14' }).where('student_person_id', '=', f.childA).execute();
    expect((await me(f.guardian.cookie)).childIds).not.toContain(f.childA);
    expect((await week()).status).toBe(404);
  });
});

describe('kept between requests', () => {
  it('while the epoch stands still, a change the triggers did not see is not read again; a moved epoch rebuilds', async () => {
    const g = await diaryFixture(env.ctx);
    expect((await me(g.a.teacher.cookie)).grants.map((x) => x.role)).toContain('teacher');
    // Remove the grants table's update triggers, so this revocation leaves the epoch as it is.
    if (env.ctx.db.dialect === 'postgres') await sql`DROP TRIGGER grants_access_epoch_update ON grants`.execute(db());
    else await sql`DROP TRIGGER grants_access_epoch_update`.execute(db());
    await db().updateTable('grants').set({ revoked_at: now() }).where('person_id', '=', g.a.teacher.personId).execute();
    expect((await me(g.a.teacher.cookie)).grants.map((x) => x.role)).toContain('teacher');
    await db().updateTable('access_epoch').set({ value: sql`value + 1` }).execute();
    expect((await me(g.a.teacher.cookie)).grants).toEqual([]);

    // The same for the session row: revoked behind the triggers' back, it is served from memory until the epoch moves.
    if (env.ctx.db.dialect === 'postgres') await sql`DROP TRIGGER sessions_access_epoch_update ON sessions`.execute(db());
    else await sql`DROP TRIGGER sessions_access_epoch_update`.execute(db());
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(200);
    await db().updateTable('sessions').set({ revoked_at: now() }).where('account_id', '=', g.pupil.accountId).execute();
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(200);
    await db().updateTable('access_epoch').set({ value: sql`value + 1` }).execute();
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(401);
  });
});

// Last: it moves the clock past every session's idle limit.
describe('a session kept in memory', () => {
  it('activity noted by another process keeps the session alive past the idle limit of the kept row', async () => {
    const g = await diaryFixture(env.ctx);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(200);
    env.clock.advance(SESSION_IDLE_MS - 60_000);
    // Another process served this session just now and wrote its activity: no epoch moves for that.
    await db().updateTable('sessions').set({ last_seen_at: now() }).where('account_id', '=', g.pupil.accountId).execute();
    env.clock.advance(120_000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(200);
    env.clock.advance(SESSION_IDLE_MS + 1000);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: g.pupil.cookie })).status).toBe(401);
  });
});
