import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { reportsFixture } from './reports-fixture.js';
import { pdfText } from './pdf-text.js';
import { runNextJob } from './reports.service.js';
import { archiveDir } from './store.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof reportsFixture>>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await reportsFixture(env);
});
afterAll(async () => env.close());

const download = (id: number, cookie: string) => env.app.inject({ method: 'GET', url: `/api/reports/archives/${id}/file`, headers: { cookie } });

describe('the year-end archive of a class', () => {
  it('holds each course’s journal and the summary mark sheet, with numbered pages and places for signature and seal', async () => {
    const res = await call(env.app, 'POST', `/api/reports/classes/${f.classA.classId}/archive`, { cookie: f.deputy.cookie });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ classId: f.classA.classId, title: 'Классный журнал 5А, 2026/2027', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = await download(res.body.id, f.deputy.cookie);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    // The kept file is the one hashed.
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(res.body.sha256);
    expect(file.rawPayload.length).toBe(res.body.size);
    const text = pdfText(file.rawPayload);
    expect(text).toContain('КЛАССНЫЙ ЖУРНАЛ');
    expect(text).toContain('Математика — 5А');
    expect(text).toContain('Учитель: Учителева А. П.');
    expect(text).toContain('Натуральные числа');
    expect(text).toContain('Дроби');
    // The grid of 1st quarter maths: P3 absent on 07.09 and 3 on 08.09; term mark 3.
    expect(text).toMatch(/Ученик03 Класс5А\s+Н\s+3\s+3/);
    expect(text).toContain('СВОДНАЯ ВЕДОМОСТЬ УСПЕВАЕМОСТИ');
    // Each subject heads its columns: the four quarters and the year.
    expect(text).toMatch(/Математика\s+Русский язык\s*\n\s*Ученик\s+1\s+2\s+3\s+4\s+год\s+1\s+2\s+3\s+4\s+год/);
    // Topics and homework of each lesson, with the lesson's date and number.
    expect(text).toMatch(/2026-09-07\s+1\s+Натуральные числа\s+№ 1–5/);
    // P4: maths 1st quarter 2, year 3; Russian н/а, year 2.
    expect(text).toMatch(/Ученик04 Класс5А\s+2\s+3\s+н\/а\s+2/);
    expect(text).toContain('Директор');
    expect(text).toContain('М. П.');
    const pages = text.split('\f').filter((p) => p.trim()).length;
    expect(text).toContain(`Стр. 1 из ${pages}`);
    expect(text).toContain(`Стр. ${pages} из ${pages}`);
  });

  it('the class teacher may build their class’s archive; a teacher, or another school, may not', async () => {
    expect((await call(env.app, 'POST', `/api/reports/classes/${f.classA.classId}/archive`, { cookie: f.classTeacher.cookie })).status).toBe(201);
    expect((await call(env.app, 'POST', `/api/reports/classes/${f.classB.classId}/archive`, { cookie: f.classTeacher.cookie })).status).toBe(404);
    expect((await call(env.app, 'POST', `/api/reports/classes/${f.classA.classId}/archive`, { cookie: f.a.cookie })).status).toBe(403);
  });
});

describe('the whole school’s archive as a background job', () => {
  it('is queued, run class by class with progress, kept with SHA-256, listed and downloadable again', async () => {
    const queued = await call(env.app, 'POST', `/api/reports/schools/${f.schoolId}/archive-jobs`, { cookie: f.deputy.cookie, body: {} });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', total: 2, done: 0 });
    const again = await call(env.app, 'POST', `/api/reports/schools/${f.schoolId}/archive-jobs`, { cookie: f.director.cookie, body: {} });
    expect([again.status, again.body.code]).toEqual([409, 'archive_job_running']);

    expect(await runNextJob(env.ctx)).toBe(true);
    expect(await runNextJob(env.ctx)).toBe(false);
    const jobs = await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/archive-jobs`, { cookie: f.deputy.cookie });
    expect(jobs.body[0]).toMatchObject({ id: queued.body.id, status: 'done', total: 2, done: 2, error: null });

    const list = await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/archives`, { cookie: f.deputy.cookie });
    const fromJob = list.body.filter((a: { jobId: number | null }) => a.jobId === queued.body.id);
    expect(fromJob.map((a: { title: string }) => a.title).sort()).toEqual(['Классный журнал 5А, 2026/2027', 'Классный журнал 5Б, 2026/2027']);
    for (const a of fromJob) {
      const file = await download(a.id, f.director.cookie);
      expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(a.sha256);
    }
    // Only generated names sit in the folder, no partial files left behind.
    expect(readdirSync(archiveDir(env.ctx, f.schoolId)).every((n) => /^[0-9a-f-]{36}\.pdf$/.test(n))).toBe(true);

    // The class teacher sees only their class's archives.
    const mine = await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/archives`, { cookie: f.classTeacher.cookie });
    expect(mine.body.every((a: { classId: number }) => a.classId === f.classA.classId)).toBe(true);
    const bArchive = fromJob.find((a: { classId: number }) => a.classId === f.classB.classId);
    expect((await download(bArchive.id, f.classTeacher.cookie)).statusCode).toBe(404);
  });

  it('another school’s deputy gets 404; a path in place of an id is refused', async () => {
    const other = await makeRegionTree(env.ctx);
    const foreign = await signedIn(env.ctx, 'deputy', { schoolId: other.school.id });
    expect((await call(env.app, 'POST', `/api/reports/schools/${f.schoolId}/archive-jobs`, { cookie: foreign.cookie, body: {} })).status).toBe(404);
    const archive = (await call(env.app, 'GET', `/api/reports/schools/${f.schoolId}/archives`, { cookie: f.deputy.cookie })).body[0];
    expect((await download(archive.id, foreign.cookie)).statusCode).toBe(404);
    const traversal = await env.app.inject({ method: 'GET', url: '/api/reports/archives/..%2F..%2Fotmetka.sqlite/file', headers: { cookie: f.deputy.cookie } });
    expect(traversal.statusCode).toBe(400);
    const badYear = await call(env.app, 'POST', `/api/reports/schools/${f.schoolId}/archive-jobs`, { cookie: f.deputy.cookie, body: { yearId: 999999 } });
    expect([badYear.status, badYear.body.field]).toEqual([404, '/body/yearId']);
  });
});
