/**
 * The timetable never deletes or cancels a lesson the journal holds rows for:
 * a regeneration keeps it and says why; a move keeps it in its term.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, uploadFile, type TestEnv } from '../../test/harness.js';
import { signedIn } from '../../test/factories.js';
import { journalFixture } from '../journal/journal-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof journalFixture>>;
let admin: { cookie: string };
const db = () => env.ctx.db.kysely;
beforeAll(async () => {
  env = await createTestEnv();
  f = await journalFixture(env.ctx, { dates: ['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11', '2026-09-14', '2026-10-15'] });
  admin = await signedIn(env.ctx, 'school_admin', { schoolId: f.schoolId });
});
afterAll(async () => env.close());

const write = async (changes: unknown[]) => {
  const res = await call(env.app, 'POST', '/api/journal/changes', { cookie: f.teacher.cookie, body: { changes } });
  expect(res.status).toBe(200);
  return res.body.results as Array<{ id: number; version: number }>;
};
const lessonRow = (id: number) => db().selectFrom('lessons').select(['id', 'date', 'status', 'term_id']).where('id', '=', id).executeTakeFirst();

describe('a timetable regeneration', () => {
  it('keeps lessons with marks, attendance, homework files or deleted entries, reporting why, and removes only empty ones', async () => {
    const [withMark, withAbsence, withDeletedMark, withFile, withDeletedFile, empty, future] = f.lessonIds as [number, number, number, number, number, number, number];
    await write([
      { kind: 'mark', lessonId: withMark, studentId: f.studentIds[0], value: '5' },
      { kind: 'attendance', lessonId: withAbsence, studentId: f.studentIds[1], code: 'absent', version: 0 },
    ]);
    const [gone] = await write([{ kind: 'mark', lessonId: withDeletedMark, studentId: f.studentIds[0], value: '3' }]);
    await write([{ kind: 'mark', lessonId: withDeletedMark, studentId: f.studentIds[0], markId: gone!.id, version: gone!.version, value: null }]);
    // Files go to any lesson, the future's too; a file alone is no homework text.
    expect((await uploadFile(env.app, `/api/journal/lessons/${withFile}/files`, f.teacher.cookie, 'task.pdf', '%PDF-1.4 task')).statusCode).toBe(201);
    expect((await uploadFile(env.app, `/api/journal/lessons/${future}/files`, f.teacher.cookie, 'next.pdf', '%PDF-1.4 next')).statusCode).toBe(201);
    const upload = await uploadFile(env.app, `/api/journal/lessons/${withDeletedFile}/files`, f.teacher.cookie, 'old.pdf', '%PDF-1.4 old');
    expect((await call(env.app, 'DELETE', `/api/journal/files/${JSON.parse(upload.body).id}`, { cookie: f.teacher.cookie })).status).toBe(204);

    const res = await call(env.app, 'POST', `/api/years/${f.yearId}/lessons/generate`, { cookie: admin.cookie, body: { fromDate: '2026-09-01' } });
    expect(res.status).toBe(200);
    const reasons = new Map((res.body.kept as Array<{ lessonId: number; reasons: string[] }>).map((k) => [k.lessonId, k.reasons]));
    expect(reasons).toEqual(
      new Map([
        [withMark, ['marks']],
        [withAbsence, ['attendance']],
        [withDeletedMark, ['history']],
        [withFile, ['files']],
        [withDeletedFile, ['history']],
        [future, ['files']],
      ]),
    );
    expect(res.body.removed).toBe(1);
    expect(await lessonRow(empty)).toBeUndefined();
    for (const id of reasons.keys()) expect((await lessonRow(id))?.status).toBe('scheduled');
    expect(await db().selectFrom('marks').select(['lesson_id', 'deleted']).orderBy('id').execute()).toEqual([
      { lesson_id: withMark, deleted: 0 },
      { lesson_id: withDeletedMark, deleted: 1 },
    ]);
  });
});

describe('moving a lesson', () => {
  it('to another term is refused while it holds a mark; within its term it moves, and a lesson without entries crosses terms', async () => {
    const lesson = f.lessonIds[0]!;
    const before = (await lessonRow(lesson))!;
    const lessonsBefore = await db().selectFrom('lessons').select('id').where('course_id', '=', f.courseId).execute();
    const refused = await call(env.app, 'POST', `/api/lessons/${lesson}/move`, { cookie: f.deputy.cookie, body: { date: '2026-11-09', number: 2 } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'lesson_has_entries', field: '/body/date', marks: 1, absences: 0 });
    // Nothing changed: the lesson stays where it was, and no placeholder was left behind.
    expect(await lessonRow(lesson)).toEqual(before);
    expect(await db().selectFrom('lessons').select('id').where('course_id', '=', f.courseId).execute()).toEqual(lessonsBefore);

    const within = await call(env.app, 'POST', `/api/lessons/${lesson}/move`, { cookie: f.deputy.cookie, body: { date: '2026-09-15', number: 2 } });
    expect(within.status).toBe(200);
    expect(within.body).toMatchObject({ id: lesson, date: '2026-09-15', status: 'scheduled', termId: before.term_id });
    expect(await db().selectFrom('marks').select('lesson_id').where('deleted', '=', 0).execute()).toEqual([{ lesson_id: lesson }]);
    // The moved lesson, with its mark, still refuses to be cancelled.
    expect((await call(env.app, 'POST', `/api/lessons/${lesson}/cancel`, { cookie: f.deputy.cookie })).body).toMatchObject({ code: 'lesson_has_entries' });

    // A lesson with a homework file but no marks or absences crosses into the next term.
    const unmarked = await db().selectFrom('lessons').select('id').where('course_id', '=', f.courseId).where('date', '=', '2026-10-15').executeTakeFirstOrThrow();
    const across = await call(env.app, 'POST', `/api/lessons/${unmarked.id}/move`, { cookie: f.deputy.cookie, body: { date: '2026-11-10', number: 2 } });
    expect(across.status).toBe(200);
    expect(across.body).toMatchObject({ id: unmarked.id, date: '2026-11-10', termId: f.termIds[1] });
  });
});
