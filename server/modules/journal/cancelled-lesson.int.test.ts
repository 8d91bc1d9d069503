/**
 * A cancelled lesson takes no mark, absence, topic or file: the grid and the
 * diary leave it out, so what was written to it would be kept where no one
 * sees it (an offline edit sent after the deputy cancelled the lesson).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, uploadFile, type TestEnv } from '../../test/harness.js';
import { journalFixture } from './journal-fixture.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const write = (cookie: string, changes: unknown[]) => call(env.app, 'POST', '/api/journal/changes', { cookie, body: { changes } });
const rows = async (table: 'marks' | 'attendance' | 'audit_log' | 'homework_files', schoolId: number) =>
  Number((await env.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('school_id', '=', schoolId).executeTakeFirstOrThrow()).n);

describe('a cancelled lesson', () => {
  it('refuses marks, absences, the lesson panel and files, and takes them again once restored', async () => {
    const f = await journalFixture(env.ctx);
    const [held, cancelled] = f.lessonIds as [number, number];
    expect((await call(env.app, 'POST', `/api/lessons/${cancelled}/cancel`, { cookie: f.deputy.cookie })).status).toBe(200);
    const auditBefore = await rows('audit_log', f.schoolId);

    const mark = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: cancelled, studentId: f.studentIds[0], value: '5' }]);
    expect(mark.status).toBe(409);
    expect(mark.body).toMatchObject({ code: 'lesson_cancelled', field: '/body/changes/0/lessonId' });
    // One refused change refuses the whole batch: the held lesson's mark is not written either.
    const batch = await write(f.teacher.cookie, [
      { kind: 'mark', lessonId: held, studentId: f.studentIds[0], value: '4' },
      { kind: 'attendance', lessonId: cancelled, studentId: f.studentIds[1], code: 'absent', version: 0 },
    ]);
    expect(batch.body).toMatchObject({ code: 'lesson_cancelled', field: '/body/changes/1/lessonId' });

    const panel = await call(env.app, 'PATCH', `/api/journal/lessons/${cancelled}`, { cookie: f.teacher.cookie, body: { version: 1, topic: 'Дроби' } });
    expect(panel.body).toMatchObject({ code: 'lesson_cancelled', field: '/params/id' });
    const file = await uploadFile(env.app, `/api/journal/lessons/${cancelled}/files`, f.teacher.cookie, 'task.pdf', '%PDF-1.4 task');
    expect(file.statusCode).toBe(409);
    expect(JSON.parse(file.body)).toMatchObject({ code: 'lesson_cancelled', field: '/params/id' });

    expect(await rows('marks', f.schoolId)).toBe(0);
    expect(await rows('attendance', f.schoolId)).toBe(0);
    expect(await rows('homework_files', f.schoolId)).toBe(0);
    expect(await rows('audit_log', f.schoolId)).toBe(auditBefore);
    const topic = await env.ctx.db.kysely.selectFrom('lessons').select('topic').where('id', '=', cancelled).executeTakeFirstOrThrow();
    expect(topic.topic).toBe('');

    expect((await call(env.app, 'POST', `/api/lessons/${cancelled}/restore`, { cookie: f.deputy.cookie })).status).toBe(200);
    const again = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: cancelled, studentId: f.studentIds[0], value: '5' }]);
    expect(again.status).toBe(200);
    expect(await rows('marks', f.schoolId)).toBe(1);
  });
});
