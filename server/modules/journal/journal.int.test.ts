import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, TEST_NOW, uploadFile, type TestEnv } from '../../test/harness.js';
import { signedIn } from '../../test/factories.js';
import { makeClass, makeLessons } from '../../test/structure-factories.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkUpload } from './files.js';
import { journalFixture } from './journal-fixture.js';
import { verifyAuditChains } from './journal.service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const write = (cookie: string, changes: unknown[]) => call(env.app, 'POST', '/api/journal/changes', { cookie, body: { changes } });
const count = async (table: 'marks' | 'audit_log' | 'attendance' | 'corrections', schoolId: number) =>
  Number((await env.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('school_id', '=', schoolId).executeTakeFirstOrThrow()).n);

async function workTypeId(schoolId: number, code: string) {
  const res = await call(env.app, 'GET', `/api/journal/schools/${schoolId}/work-types`, { cookie: (await signedIn(env.ctx, 'deputy', { schoolId })).cookie });
  return (res.body as Array<{ id: number; code: string }>).find((t) => t.code === code)!.id;
}

describe('the course journal grid', () => {
  it('shows marks, attendance, the weighted average and the suggestion as computed by hand', async () => {
    const f = await journalFixture(env.ctx);
    const [l1, l2, l3, l4] = f.lessonIds as [number, number, number, number];
    const [a, b] = f.studentIds as [number, number];
    await call(env.app, 'GET', `/api/journal/courses/${f.courseId}`, { cookie: f.teacher.cookie }); // seeds the work types
    const test = await workTypeId(f.schoolId, 'test'); // weight 3
    const res = await write(f.teacher.cookie, [
      { kind: 'mark', lessonId: l1, studentId: a, value: '5' },
      { kind: 'mark', lessonId: l2, studentId: a, value: '4' },
      { kind: 'mark', lessonId: l3, studentId: a, value: '3', workTypeId: test },
      { kind: 'mark', lessonId: l3, studentId: a, value: 'зач' },
      { kind: 'mark', lessonId: l1, studentId: b, value: '5' },
      { kind: 'mark', lessonId: l2, studentId: b, value: '5' },
      { kind: 'attendance', lessonId: l4, studentId: b, version: 0, code: 'ill' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(7);
    const grid = await call(env.app, 'GET', `/api/journal/courses/${f.courseId}?termId=${f.termId}`, { cookie: f.teacher.cookie });
    expect(grid.status).toBe(200);
    const g = grid.body;
    expect(g.term).toMatchObject({ id: f.termId, locked: false });
    expect(g.lessons.map((l: unknown[]) => l[0])).toEqual(f.lessonIds);
    const ia = g.students.findIndex((s: unknown[]) => s[0] === a);
    const ib = g.students.findIndex((s: unknown[]) => s[0] === b);
    // a: (5·1 + 4·1 + 3·3) / 5 = 18/5 = 3.60 → 4; зач does not count
    expect(g.averages[ia]).toEqual([3.6, '4']);
    // b: two numeric marks only → н/а (fewer than 3)
    expect(g.averages[ib]).toEqual([5, 'н/а']);
    expect(g.attendance).toContainEqual([3, ib, 'ill', 1]);
    expect(g.marks.filter((m: unknown[]) => m[2] === ia).map((m: unknown[]) => m[3]).sort()).toEqual(['3', '4', '5', 'зач']);
    expect(g.canWrite).toBe(true);
  });

  it('the deputy reads it (read-only), a teacher of another course gets 404', async () => {
    const f = await journalFixture(env.ctx);
    const deputy = await call(env.app, 'GET', `/api/journal/courses/${f.courseId}`, { cookie: f.deputy.cookie });
    expect(deputy.status).toBe(200);
    expect(deputy.body.canWrite).toBe(false);
    const other = await signedIn(env.ctx, 'teacher', { schoolId: f.schoolId });
    expect((await call(env.app, 'GET', `/api/journal/courses/${f.courseId}`, { cookie: other.cookie })).status).toBe(404);
    expect((await write(other.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '5' }])).status).toBe(404);
    expect((await write(f.deputy.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '5' }])).status).toBe(403);
  });

  it('a substitute writes on the lesson they give, and only there', async () => {
    const f = await journalFixture(env.ctx);
    const sub = await signedIn(env.ctx, 'teacher', { schoolId: f.schoolId });
    const [own] = await makeLessons(env.ctx, { schoolId: f.schoolId, courseId: f.courseId, termId: f.termId, teacherPersonId: sub.personId, dates: ['2026-10-12'] });
    expect((await write(sub.cookie, [{ kind: 'mark', lessonId: own, studentId: f.studentIds[0], value: '4' }])).status).toBe(200);
    expect((await write(sub.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '4' }])).status).toBe(404);
  });
});

describe('bad input: 4xx naming the field, nothing written, no audit record', () => {
  it.each([
    ['a mark the scale does not allow', { value: '6' }, 422, 'mark_not_allowed', '/body/changes/0/value'],
    ['+/− while the school has them off', { value: '4-' }, 422, 'mark_not_allowed', '/body/changes/0/value'],
    ['a double mark where the subject does not allow it', { value: '4/3' }, 422, 'mark_not_allowed', '/body/changes/0/value'],
  ])('%s', async (_name, patch, status, code, field) => {
    const f = await journalFixture(env.ctx);
    const before = [await count('marks', f.schoolId), await count('audit_log', f.schoolId)];
    const res = await write(f.teacher.cookie, [Object.assign({ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '5' }, patch)]);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code, field });
    expect([await count('marks', f.schoolId), await count('audit_log', f.schoolId)]).toEqual(before);
  });

  it('a batch with one bad change writes none of it', async () => {
    const f = await journalFixture(env.ctx);
    const res = await write(f.teacher.cookie, [
      { kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '5' },
      { kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[1], value: '7' },
    ]);
    expect(res.body).toMatchObject({ code: 'mark_not_allowed', field: '/body/changes/1/value' });
    expect(await count('marks', f.schoolId)).toBe(0);
    expect(await count('audit_log', f.schoolId)).toBe(0);
  });

  it('a pupil not in the course on the lesson date', async () => {
    const f = await journalFixture(env.ctx);
    const other = await makeClass(env.ctx, f.schoolId, f.yearId, { letter: 'Б', students: 1 });
    const res = await write(f.teacher.cookie, [{ kind: 'attendance', lessonId: f.lessonIds[0], studentId: other.studentIds[0], version: 0, code: 'absent' }]);
    expect(res.body).toMatchObject({ code: 'student_not_in_course', field: '/body/changes/0/studentId' });
    // a pupil who joined later is not in the course on an earlier lesson
    const late = await makeClass(env.ctx, f.schoolId, f.yearId, { letter: 'В', students: 0 });
    await env.ctx.db.kysely.insertInto('class_members').values({ school_id: f.schoolId, class_id: f.classId, student_person_id: other.studentIds[0]!, from_date: '2026-10-01', to_date: null }).execute();
    expect((await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: other.studentIds[0], value: '5' }])).status).toBe(422);
    expect((await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[3], studentId: other.studentIds[0], value: '5' }])).status).toBe(200);
    expect(late.classId).toBeGreaterThan(0);
    expect(await count('attendance', f.schoolId)).toBe(0);
  });

  it('a lesson of another school is 404', async () => {
    const f = await journalFixture(env.ctx);
    const g = await journalFixture(env.ctx);
    const res = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: g.lessonIds[0], studentId: g.studentIds[0], value: '5' }]);
    expect(res.status).toBe(404);
    expect(res.body.field).toBe('/body/changes/0/lessonId');
    expect(await count('audit_log', g.schoolId)).toBe(0);
  });

  it('a lesson dated outside its term, and a lesson still to come', async () => {
    const f = await journalFixture(env.ctx);
    const [outside, future] = await makeLessons(env.ctx, { schoolId: f.schoolId, courseId: f.courseId, termId: f.termId, teacherPersonId: f.teacherPersonId, dates: ['2026-08-20', '2026-10-20'] });
    expect((await write(f.teacher.cookie, [{ kind: 'mark', lessonId: outside, studentId: f.studentIds[0], value: '5' }])).body).toMatchObject({ code: 'lesson_outside_term', field: '/body/changes/0/lessonId' });
    expect((await write(f.teacher.cookie, [{ kind: 'mark', lessonId: future, studentId: f.studentIds[0], value: '5' }])).body).toMatchObject({ code: 'lesson_in_future' });
    expect(await count('marks', f.schoolId)).toBe(0);
  });

  it('an unknown field is refused', async () => {
    const f = await journalFixture(env.ctx);
    const res = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '5', colour: 'red' }]);
    expect(res.status).toBe(400);
  });
});

describe('scales', () => {
  it('+/− and doubles where allowed; no marks in grade 1', async () => {
    const f = await journalFixture(env.ctx);
    await env.ctx.db.kysely.updateTable('schools').set({ settings: JSON.stringify({ plusMinus: true }) }).where('id', '=', f.schoolId).execute();
    await env.ctx.db.kysely.updateTable('subjects').set({ double_marks: 1 }).where('id', '=', f.subjectId).execute();
    const res = await write(f.teacher.cookie, [
      { kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '4-' },
      { kind: 'mark', lessonId: f.lessonIds[1], studentId: f.studentIds[0], value: '4/3' },
    ]);
    expect(res.status).toBe(200);
    const row = await env.ctx.db.kysely.selectFrom('marks').select(['value', 'numeric']).where('id', '=', res.body.results[1].id).executeTakeFirstOrThrow();
    expect(row).toEqual({ value: '4/3', numeric: 3.5 });
    const first = await journalFixture(env.ctx, { grade: 1 });
    expect((await write(first.teacher.cookie, [{ kind: 'mark', lessonId: first.lessonIds[0], studentId: first.studentIds[0], value: '5' }])).body.code).toBe('mark_not_allowed');
    // attendance is still kept in grade 1
    expect((await write(first.teacher.cookie, [{ kind: 'attendance', lessonId: first.lessonIds[0], studentId: first.studentIds[0], version: 0, code: 'absent' }])).status).toBe(200);
  });
});

describe('optimistic concurrency', () => {
  it('a stale change of a mark is a 409 carrying the current value; nothing is overwritten', async () => {
    const f = await journalFixture(env.ctx);
    const created = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '3' }]);
    const markId = created.body.results[0].id;
    const first = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], markId, version: 1, value: '4' }]);
    expect(first.body.results[0]).toEqual({ id: markId, version: 2, value: '4' });
    const stale = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], markId, version: 1, value: '5' }]);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', field: '/body/changes/0/version', current: { markId, value: '4', version: 2 } });
    const row = await env.ctx.db.kysely.selectFrom('marks').select(['value', 'version']).where('id', '=', markId).executeTakeFirstOrThrow();
    expect(row).toEqual({ value: '4', version: 2 });
  });

  it('attendance: a second tab that thinks the cell is empty gets 409 with the current code', async () => {
    const f = await journalFixture(env.ctx);
    const cell = { kind: 'attendance', lessonId: f.lessonIds[0], studentId: f.studentIds[0] };
    expect((await write(f.teacher.cookie, [{ ...cell, version: 0, code: 'absent' }])).status).toBe(200);
    const stale = await write(f.teacher.cookie, [{ ...cell, version: 0, code: 'late' }]);
    expect(stale.status).toBe(409);
    expect(stale.body.current).toEqual({ code: 'absent', version: 1 });
    expect((await write(f.teacher.cookie, [{ ...cell, version: 1, code: null }])).status).toBe(200);
    expect(await count('attendance', f.schoolId)).toBe(0);
  });

  it('the lesson panel: a stale version is a 409 with the current lesson', async () => {
    const f = await journalFixture(env.ctx);
    const url = `/api/journal/lessons/${f.lessonIds[0]}`;
    const ok = await call(env.app, 'PATCH', url, { cookie: f.teacher.cookie, body: { version: 1, topic: 'Дроби', homework: '§ 12, № 3' } });
    expect(ok.body).toMatchObject({ topic: 'Дроби', homework: '§ 12, № 3', version: 2 });
    const stale = await call(env.app, 'PATCH', url, { cookie: f.teacher.cookie, body: { version: 1, topic: 'Другое' } });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ topic: 'Дроби', version: 2 });
    const row = await env.ctx.db.kysely.selectFrom('lessons').select(['topic', 'topic_entered_at']).where('id', '=', f.lessonIds[0]!).executeTakeFirstOrThrow();
    expect(row).toEqual({ topic: 'Дроби', topic_entered_at: env.ctx.clock.now().toISOString() });
  });

  it('64 concurrent writers: every acknowledged mark is stored, each with its audit record', async () => {
    const f = await journalFixture(env.ctx, { students: 8 });
    const before = await count('audit_log', f.schoolId);
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[i % 5], studentId: f.studentIds[i % 8], value: String((i % 5) + 1) }])),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await count('marks', f.schoolId)).toBe(64);
    expect(await count('audit_log', f.schoolId)).toBe(before + 64);
    expect((await verifyAuditChains(env.ctx, f.schoolId)).broken).toEqual([]);
  });
});

describe('term lock, reason, flag, acknowledge', () => {
  it('after the deputy locks the term a change needs a reason, is flagged, and is listed until acknowledged', async () => {
    const f = await journalFixture(env.ctx);
    const mark = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '3' }]);
    const tm = await write(f.teacher.cookie, [{ kind: 'termMark', courseId: f.courseId, termId: f.termId, studentId: f.studentIds[0], version: 0, value: '4' }]);
    expect(tm.status).toBe(200);
    // a teacher may not lock
    expect((await call(env.app, 'POST', `/api/journal/schools/${f.schoolId}/locks`, { cookie: f.teacher.cookie, body: { termId: f.termId, scope: 'class', classId: f.classId } })).status).toBe(403);
    const lock = await call(env.app, 'POST', `/api/journal/schools/${f.schoolId}/locks`, { cookie: f.deputy.cookie, body: { termId: f.termId, scope: 'class', classId: f.classId } });
    expect(lock.status).toBe(201);
    expect((await call(env.app, 'POST', `/api/journal/schools/${f.schoolId}/locks`, { cookie: f.deputy.cookie, body: { termId: f.termId, scope: 'class', classId: f.classId } })).status).toBe(409);
    const grid = await call(env.app, 'GET', `/api/journal/courses/${f.courseId}?termId=${f.termId}`, { cookie: f.teacher.cookie });
    expect(grid.body.term.locked).toBe(true);

    const auditBefore = await count('audit_log', f.schoolId);
    const change = { kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], markId: mark.body.results[0].id, version: 1, value: '4' };
    const refused = await write(f.teacher.cookie, [change]);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'reason_required', field: '/body/changes/0/reason' });
    expect(await count('audit_log', f.schoolId)).toBe(auditBefore);
    const topic = await call(env.app, 'PATCH', `/api/journal/lessons/${f.lessonIds[0]}`, { cookie: f.teacher.cookie, body: { version: 1, topic: 'Поздно' } });
    expect(topic.body).toMatchObject({ code: 'reason_required', field: '/body/reason' });

    const ok = await write(f.teacher.cookie, [{ ...change, reason: 'Ошибка при вводе: ответ был на 4' }]);
    expect(ok.status).toBe(200);
    const tm2 = await write(f.teacher.cookie, [{ kind: 'termMark', courseId: f.courseId, termId: f.termId, studentId: f.studentIds[0], version: 1, value: '5', reason: 'Пересдача' }]);
    expect(tm2.status).toBe(200);

    const list = await call(env.app, 'GET', `/api/journal/schools/${f.schoolId}/corrections`, { cookie: f.deputy.cookie });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((c: { entity: string; oldValue: string; newValue: string; reason: string }) => [c.entity, c.oldValue, c.newValue, c.reason])).toEqual([
      ['term_mark', '4', '5', 'Пересдача'],
      ['mark', '3', '4', 'Ошибка при вводе: ответ был на 4'],
    ]);
    const ack = await call(env.app, 'POST', `/api/journal/corrections/${list.body.items[0].id}/acknowledge`, { cookie: f.deputy.cookie });
    expect(ack.status).toBe(200);
    const after = await call(env.app, 'GET', `/api/journal/schools/${f.schoolId}/corrections`, { cookie: f.deputy.cookie });
    expect([after.body.total, after.body.items.length]).toEqual([1, 1]);
    const all = await call(env.app, 'GET', `/api/journal/schools/${f.schoolId}/corrections?all=true`, { cookie: f.deputy.cookie });
    expect([all.body.total, all.body.items.length]).toEqual([2, 2]);
    // another school's deputy sees nothing of it
    const stranger = await journalFixture(env.ctx);
    expect((await call(env.app, 'GET', `/api/journal/schools/${f.schoolId}/corrections`, { cookie: stranger.deputy.cookie })).status).toBe(404);
    expect((await call(env.app, 'POST', `/api/journal/corrections/${list.body.items[1].id}/acknowledge`, { cookie: stranger.deputy.cookie })).status).toBe(404);
  });
});

describe('the audit log', () => {
  it('records who, when, old, new and reason; the cell history shows it', async () => {
    const f = await journalFixture(env.ctx);
    const c = await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[1], studentId: f.studentIds[1], value: '2', comment: 'не готов' }]);
    await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[1], studentId: f.studentIds[1], markId: c.body.results[0].id, version: 1, value: null }]);
    const h = await call(env.app, 'GET', `/api/journal/history?lessonId=${f.lessonIds[1]}&studentId=${f.studentIds[1]}`, { cookie: f.deputy.cookie });
    expect(h.status).toBe(200);
    expect(h.body.map((e: { action: string }) => e.action)).toEqual(['create', 'delete']);
    expect(h.body[0]).toMatchObject({ entity: 'mark', old: null, new: { value: '2', comment: 'не готов' }, actor: 'Учителева Анна Петровна', at: env.ctx.clock.now().toISOString() });
    expect(h.body[1]).toMatchObject({ old: { value: '2' }, new: null });
  });

  it('a record altered directly in the database is named by audit verify', async () => {
    const f = await journalFixture(env.ctx);
    for (const v of ['5', '4', '3']) await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: v }]);
    expect((await verifyAuditChains(env.ctx, f.schoolId)).broken).toEqual([]);
    const db = env.ctx.db.kysely;
    const second = await db.selectFrom('audit_log').select(['id', 'new_json']).where('school_id', '=', f.schoolId).where('seq', '=', 2).executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ new_json: second.new_json!.replace('"4"', '"5"') }).where('id', '=', second.id).execute();
    const report = await verifyAuditChains(env.ctx, f.schoolId);
    expect(report.broken).toEqual([{ schoolId: f.schoolId, seq: 2, id: second.id, problem: expect.stringContaining('hash') }]);
    // a deleted record is found too
    const g = await journalFixture(env.ctx);
    for (const v of ['5', '4', '3']) await write(g.teacher.cookie, [{ kind: 'mark', lessonId: g.lessonIds[0], studentId: g.studentIds[0], value: v }]);
    await db.deleteFrom('audit_log').where('school_id', '=', g.schoolId).where('seq', '=', 2).execute();
    expect((await verifyAuditChains(env.ctx, g.schoolId)).broken[0]).toMatchObject({ seq: 3, problem: expect.stringContaining('gap') });
  });

  it('the chain does not depend on database ids: rows copied with new ids still verify', async () => {
    const f = await journalFixture(env.ctx);
    await write(f.teacher.cookie, [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '5' }]);
    const { hashRecord } = await import('./audit.js');
    const rows = await env.ctx.db.kysely.selectFrom('audit_log').selectAll().where('school_id', '=', f.schoolId).execute();
    for (const r of rows) expect(hashRecord({ ...r, id: 999999, school_id: 123 } as never)).toBe(r.hash);
  });
});

describe('homework files', () => {
  const upload = (cookie: string, lessonId: number, name: string, content: Buffer | string) => uploadFile(env.app, `/api/journal/lessons/${lessonId}/files`, cookie, name, content);

  it('stores within limits, serves to those who may see the lesson, refuses the rest', async () => {
    const f = await journalFixture(env.ctx);
    const ok = await upload(f.teacher.cookie, f.lessonIds[0]!, 'задание.pdf', '%PDF-1.4 test');
    expect(ok.statusCode).toBe(201);
    const file = JSON.parse(ok.body);
    expect(file).toMatchObject({ name: 'задание.pdf', mime: 'application/pdf', size: 13 });
    const down = await env.app.inject({ method: 'GET', url: `/api/journal/files/${file.id}`, headers: { cookie: f.deputy.cookie } });
    expect(down.statusCode).toBe(200);
    expect(down.body).toBe('%PDF-1.4 test');
    const stranger = await signedIn(env.ctx, 'teacher', { schoolId: f.schoolId });
    expect((await env.app.inject({ method: 'GET', url: `/api/journal/files/${file.id}`, headers: { cookie: stranger.cookie } })).statusCode).toBe(404);
    const refused = await upload(f.teacher.cookie, f.lessonIds[0]!, 'virus.exe', 'MZ');
    expect(refused.statusCode).toBe(415);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'file_type_refused', field: '/body/file' });
    const traversal = await upload(f.teacher.cookie, f.lessonIds[0]!, '../../etc/passwd.txt', 'x');
    // the multipart parser keeps only the base name; the stored file has our random name inside the school's folder
    expect(traversal.statusCode).toBe(201);
    expect(JSON.parse(traversal.body).name).toBe('passwd.txt');
    const stored = await env.ctx.db.kysely.selectFrom('homework_files').select('storage_name').where('id', '=', JSON.parse(traversal.body).id).executeTakeFirstOrThrow();
    expect(stored.storage_name).toMatch(/^[0-9a-f]{32}$/);
    expect(existsSync(join(env.dataDir, 'homework', String(f.schoolId), stored.storage_name))).toBe(true);
    expect(() => checkUpload('../../etc/passwd.txt', 1, 100)).toThrow(expect.objectContaining({ code: 'validation_failed', options: expect.objectContaining({ field: '/body/file' }) }));
    const big = await upload(f.teacher.cookie, f.lessonIds[0]!, 'big.pdf', Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(big.statusCode).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ code: 'file_too_large', field: '/body/file' });
    const lesson = await call(env.app, 'GET', `/api/journal/lessons/${f.lessonIds[0]}`, { cookie: f.teacher.cookie });
    expect(lesson.body.files).toHaveLength(2);
  });
});

describe('teacher home and class teacher', () => {
  it('today’s lessons and past lessons lacking a topic or attendance', async () => {
    const f = await journalFixture(env.ctx);
    await call(env.app, 'PATCH', `/api/journal/lessons/${f.lessonIds[0]}`, { cookie: f.teacher.cookie, body: { version: 1, topic: 'Введение' } });
    await write(f.teacher.cookie, [{ kind: 'attendance', lessonId: f.lessonIds[0], studentId: f.studentIds[0], version: 0, code: 'absent' }]);
    const home = await call(env.app, 'GET', '/api/journal/home', { cookie: f.teacher.cookie });
    expect(home.status).toBe(200);
    expect(home.body.today).toBe('2026-10-14');
    expect(home.body.todayLessons.map((l: { lessonId: number }) => l.lessonId)).toEqual([f.lessonIds[4]]);
    // 07.09 is complete; 14.09, 21.09 and 05.10 lack both (30-day window: 21.09 and 05.10, plus 14.09 is 30 days back)
    expect(home.body.incomplete.map((l: { date: string }) => l.date)).toEqual(['2026-10-05', '2026-09-21', '2026-09-14']);
  });

  it('the class teacher reads the class across subjects with the week’s attendance; not another class', async () => {
    const f = await journalFixture(env.ctx);
    await write(f.teacher.cookie, [
      { kind: 'attendance', lessonId: f.lessonIds[4], studentId: f.studentIds[0], version: 0, code: 'ill' },
      { kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[1], value: '5' },
    ]);
    const ct = await signedIn(env.ctx, 'class_teacher', { schoolId: f.schoolId, classId: f.classId });
    const view = await call(env.app, 'GET', `/api/journal/classes/${f.classId}`, { cookie: ct.cookie });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ weekStart: '2026-10-12', prevWeek: '2026-10-05', nextWeek: '2026-10-19', termName: '1 четверть' });
    expect(view.body.attendance).toEqual([[0, '2026-10-14', 1, 'Математика', 'ill']]);
    expect(view.body.averages).toContainEqual([1, 0, 5, null, null]);
    // A year mark shows beside the term's figures, also for a pupil with no marks this term.
    await write(f.teacher.cookie, [{ kind: 'yearMark', courseId: f.courseId, studentId: f.studentIds[2], version: 0, value: '4' }]);
    const after = await call(env.app, 'GET', `/api/journal/classes/${f.classId}`, { cookie: ct.cookie });
    expect(after.body.averages).toContainEqual([2, 0, null, null, '4']);
    // Later, in the second term: this week shows the second term (no marks yet), a week of October the first.
    env.clock.set('2026-11-20T03:00:00.000Z');
    try {
      const later = await signedIn(env.ctx, 'class_teacher', { schoolId: f.schoolId, classId: f.classId });
      const now = await call(env.app, 'GET', `/api/journal/classes/${f.classId}`, { cookie: later.cookie });
      expect(now.body.courses[0].termId).toBe(f.termIds[1]);
      expect(now.body.averages).not.toContainEqual([1, 0, 5, null, null]);
      const october = await call(env.app, 'GET', `/api/journal/classes/${f.classId}?week=2026-10-07`, { cookie: later.cookie });
      expect(october.body).toMatchObject({ weekStart: '2026-10-05', termName: '1 четверть' });
      expect(october.body.courses[0].termId).toBe(f.termIds[0]);
      expect(october.body.averages).toContainEqual([1, 0, 5, null, null]);
    } finally {
      env.clock.set(TEST_NOW);
    }
    // The year's first and last weeks offer no step out of it; a week outside it is refused, naming the field.
    const first = await call(env.app, 'GET', `/api/journal/classes/${f.classId}?week=2026-09-01`, { cookie: ct.cookie });
    expect(first.body).toMatchObject({ weekStart: '2026-08-31', prevWeek: null, nextWeek: '2026-09-07' });
    const last = await call(env.app, 'GET', `/api/journal/classes/${f.classId}?week=2027-05-31`, { cookie: ct.cookie });
    expect(last.body).toMatchObject({ prevWeek: '2027-05-24', nextWeek: null });
    const summer = await call(env.app, 'GET', `/api/journal/classes/${f.classId}?week=2027-06-07`, { cookie: ct.cookie });
    expect(summer.status).toBe(422);
    expect(summer.body).toMatchObject({ code: 'week_outside_year', field: '/querystring/week' });
    const other = await makeClass(env.ctx, f.schoolId, f.yearId, { letter: 'Г', students: 0 });
    expect((await call(env.app, 'GET', `/api/journal/classes/${other.classId}`, { cookie: ct.cookie })).status).toBe(404);
  });
});

describe('marks entered late feed the rollout counters', () => {
  const activity = async (schoolId: number) =>
    env.ctx.db.kysely.selectFrom('school_daily_activity').select(['date', 'marks_entered', 'marks_late']).where('school_id', '=', schoolId).execute();

  it('counts the school’s own lesson days after the lesson, as the control page does (threshold 1)', async () => {
    // Lessons on Mon 12, Tue 13 and Wed 14 Oct: a mark for the 12th entered on the 14th is 2 school days late (> 1).
    const busy = await journalFixture(env.ctx, { dates: ['2026-10-12', '2026-10-13', '2026-10-14'] });
    const [mon, tue] = busy.lessonIds as [number, number];
    expect((await write(busy.teacher.cookie, [{ kind: 'mark', lessonId: mon, studentId: busy.studentIds[0], value: '5' }])).status).toBe(200);
    expect((await write(busy.teacher.cookie, [{ kind: 'mark', lessonId: tue, studentId: busy.studentIds[0], value: '4' }])).status).toBe(200);
    expect(await activity(busy.schoolId)).toEqual([{ date: '2026-10-14', marks_entered: 2, marks_late: 1 }]);

    // A holiday from 2 to 13 October: the lesson of the 1st is one school day (the 14th) behind, not late
    // although 13 calendar days (11 days Monday to Saturday) have passed.
    const holiday = await journalFixture(env.ctx, { dates: ['2026-10-01', '2026-10-14'] });
    expect((await write(holiday.teacher.cookie, [{ kind: 'mark', lessonId: holiday.lessonIds[0], studentId: holiday.studentIds[0], value: '5' }])).status).toBe(200);
    expect(await activity(holiday.schoolId)).toEqual([{ date: '2026-10-14', marks_entered: 1, marks_late: 0 }]);
  });
});
