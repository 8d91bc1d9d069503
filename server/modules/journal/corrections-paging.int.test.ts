import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { journalFixture } from './journal-fixture.js';

/*
 * The deputy's corrections a page at a time, newest first. The rows are written straight into the
 * table (how a correction comes about is tested in journal.int.test.ts): 120 corrections with reasons
 * «Причина 001» … «Причина 120»; every third one (003, 006, …) already acknowledged → 80 open.
 */
let env: TestEnv;
let f: Awaited<ReturnType<typeof journalFixture>>;
const url = (query = '') => `/api/journal/schools/${f.schoolId}/corrections${query ? `?${query}` : ''}`;
const reasons = (body: any) => body.items.map((c: any) => c.reason);
const reason = (n: number) => `Причина ${String(n).padStart(3, '0')}`;

beforeAll(async () => {
  env = await createTestEnv();
  f = await journalFixture(env.ctx);
  const rows = Array.from({ length: 120 }, (_, i) => ({
    school_id: f.schoolId,
    term_id: f.termId,
    course_id: f.courseId,
    audit_seq: i + 1,
    entity: 'mark',
    entity_key: `k${i}`,
    student_person_id: f.studentIds[0]!,
    lesson_id: f.lessonIds[0]!,
    old_value: '3',
    new_value: '4',
    reason: reason(i + 1),
    made_by: f.teacherPersonId,
    made_at: '2026-10-13T03:00:00.000Z',
    acknowledged_by: (i + 1) % 3 === 0 ? f.deputy.personId : null,
    acknowledged_at: (i + 1) % 3 === 0 ? '2026-10-13T04:00:00.000Z' : null,
  }));
  await env.ctx.db.kysely.insertInto('corrections').values(rows).execute();
});
afterAll(async () => env?.close());

describe('the corrections list, paged on the server', () => {
  it('answers the newest 50 open ones with the total; page 2 continues', async () => {
    const one = await call(env.app, 'GET', url(), { cookie: f.deputy.cookie });
    expect(one.status).toBe(200);
    expect([one.body.total, one.body.page, one.body.pageSize, one.body.items.length]).toEqual([80, 1, 50, 50]);
    expect(reasons(one.body).slice(0, 3)).toEqual([reason(119), reason(118), reason(116)]);
    const two = await call(env.app, 'GET', url('page=2'), { cookie: f.deputy.cookie });
    expect([two.body.total, two.body.items.length]).toEqual([80, 30]);
    expect(reasons(two.body).at(-1)).toBe(reason(1));
    expect(new Set([...reasons(one.body), ...reasons(two.body)]).size).toBe(80);
    expect(two.body.items.every((c: any) => c.acknowledgedAt === null)).toBe(true);
  });

  it('all=true counts and pages the acknowledged ones too', async () => {
    const res = await call(env.app, 'GET', url('all=true&pageSize=25&page=2'), { cookie: f.deputy.cookie });
    expect([res.body.total, reasons(res.body)]).toEqual([120, Array.from({ length: 25 }, (_, i) => reason(95 - i))]);
    expect(res.body.items.filter((c: any) => c.acknowledgedAt !== null)).toHaveLength(8);
  });

  it('refuses bad page values with a 400 naming the field; another school’s deputy gets 404', async () => {
    for (const [query, field] of [
      ['page=0', '/querystring/page'],
      ['pageSize=1000', '/querystring/pageSize'],
      ['all=perhaps', '/querystring/all'],
    ] as const) {
      const res = await call(env.app, 'GET', url(query), { cookie: f.deputy.cookie });
      expect([query, res.status, res.body.field]).toEqual([query, 400, field]);
    }
    const stranger = await journalFixture(env.ctx);
    expect((await call(env.app, 'GET', url('page=2'), { cookie: stranger.deputy.cookie })).status).toBe(404);
  });
});
