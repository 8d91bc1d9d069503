/**
 * Cancelling a lesson that holds marks or absences is refused: a cancelled
 * lesson leaves the grid and takes no writes, so they would be hidden and
 * could no longer be corrected. A topic or homework alone does not stop it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { journalFixture } from '../journal/journal-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof journalFixture>>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await journalFixture(env.ctx);
});
afterAll(async () => env.close());

const write = async (changes: unknown[]) => {
  const res = await call(env.app, 'POST', '/api/journal/changes', { cookie: f.teacher.cookie, body: { changes } });
  expect(res.status).toBe(200);
  return res.body.results as Array<{ id: number | null; version: number }>;
};
const cancel = (lessonId: number) => call(env.app, 'POST', `/api/lessons/${lessonId}/cancel`, { cookie: f.deputy.cookie });
const stored = (lessonId: number) => env.ctx.db.kysely.selectFrom('lessons').select(['status', 'version']).where('id', '=', lessonId).executeTakeFirstOrThrow();

describe('cancelling a lesson that holds entries', () => {
  it('is refused while the lesson holds a mark, and nothing changes; allowed once the teacher deleted it', async () => {
    const lesson = f.lessonIds[0]!;
    const [mark] = await write([
      { kind: 'mark', lessonId: lesson, studentId: f.studentIds[0], value: '5' },
      { kind: 'mark', lessonId: lesson, studentId: f.studentIds[1], value: '4' },
    ]);
    const before = await stored(lesson);

    const refused = await cancel(lesson);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'lesson_has_entries', field: '/params/id', marks: 2, absences: 0 });
    expect(refused.body.detail).toContain('2 marks and 0 attendance entries');
    expect(await stored(lesson)).toEqual(before);
    expect(before.status).toBe('scheduled');
    // The grid still shows the lesson with its marks.
    const grid = await call(env.app, 'GET', `/api/journal/courses/${f.courseId}?termId=${f.termId}`, { cookie: f.teacher.cookie });
    expect(grid.body.lessons.map((l: unknown[]) => l[0])).toContain(lesson);

    // The teacher removes both marks through the journal; then the deputy may cancel.
    const second = await env.ctx.db.kysely.selectFrom('marks').select(['id', 'version']).where('lesson_id', '=', lesson).where('student_person_id', '=', f.studentIds[1]!).executeTakeFirstOrThrow();
    await write([
      { kind: 'mark', lessonId: lesson, studentId: f.studentIds[0], markId: mark!.id, version: mark!.version, value: null },
      { kind: 'mark', lessonId: lesson, studentId: f.studentIds[1], markId: second.id, version: second.version, value: null },
    ]);
    expect(await env.ctx.db.kysely.selectFrom('marks').select('deleted').where('lesson_id', '=', lesson).execute()).toEqual([{ deleted: 1 }, { deleted: 1 }]);
    const ok = await cancel(lesson);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: lesson, status: 'cancelled' });
    expect((await stored(lesson)).status).toBe('cancelled');
  });

  it('is refused while the lesson holds only an absence', async () => {
    const lesson = f.lessonIds[1]!;
    await write([{ kind: 'attendance', lessonId: lesson, studentId: f.studentIds[2], code: 'ill', version: 0 }]);
    const refused = await cancel(lesson);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'lesson_has_entries', field: '/params/id', marks: 0, absences: 1 });
    expect(refused.body.detail).toContain('0 marks and 1 attendance entry');
    expect((await stored(lesson)).status).toBe('scheduled');

    // Once the absence is taken back, the lesson may be cancelled.
    await write([{ kind: 'attendance', lessonId: lesson, studentId: f.studentIds[2], code: null, version: 1 }]);
    expect((await cancel(lesson)).status).toBe(200);
    expect((await stored(lesson)).status).toBe('cancelled');
  });

  it('is allowed for a lesson with only a topic and homework (the plan, not results)', async () => {
    const lesson = f.lessonIds[2]!;
    const patched = await call(env.app, 'PATCH', `/api/journal/lessons/${lesson}`, { cookie: f.teacher.cookie, body: { version: 1, topic: 'Дроби', homework: '№ 12' } });
    expect(patched.status).toBe(200);
    const ok = await cancel(lesson);
    expect(ok.status).toBe(200);
    const row = await env.ctx.db.kysely.selectFrom('lessons').select(['status', 'topic', 'homework']).where('id', '=', lesson).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'cancelled', topic: 'Дроби', homework: '№ 12' });
  });
});

describe('a mark write racing a cancel (PostgreSQL: writers run side by side)', () => {
  it('waits for the uncommitted cancel and is then refused: no mark lands on a cancelled lesson', async () => {
    if (env.ctx.db.dialect !== 'postgres') return; // SQLite has one writer at a time
    const lesson = f.lessonIds[3]!;
    await env.ctx.db.kysely.connection().execute(async (other) => {
      // The deputy's cancel, in its own transaction, counted and not yet committed.
      await sql`begin`.execute(other);
      await sql`update lessons set status = 'cancelled' where id = ${lesson}`.execute(other);
      const racing = call(env.app, 'POST', '/api/journal/changes', { cookie: f.teacher.cookie, body: { changes: [{ kind: 'mark', lessonId: lesson, studentId: f.studentIds[0], value: '5' }] } });
      // Without the lesson's row held, the write would read it as scheduled and commit its mark meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql`commit`.execute(other);
      const res = await racing;
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'lesson_cancelled', field: '/body/changes/0/lessonId' });
    });
    expect(await env.ctx.db.kysely.selectFrom('marks').select('id').where('lesson_id', '=', lesson).execute()).toEqual([]);
  });
});
