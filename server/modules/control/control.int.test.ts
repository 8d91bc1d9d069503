import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseControlRow } from '../../../shared/contracts/reports.js';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { reportsFixture } from '../reports/reports-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof reportsFixture>>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await reportsFixture(env);
});
afterAll(async () => env.close());

const row = (rows: CourseControlRow[], courseId: number) => rows.find((r) => r.courseId === courseId)!;

describe('the deputy’s control page (order 6.3–6.4)', () => {
  it('shows, per teacher and course, topics, homework, attendance, marks per pupil, late entries and the last entry', async () => {
    const res = await call(env.app, 'GET', `/api/control/schools/${f.schoolId}?termId=${f.term1}`, { cookie: f.deputy.cookie });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ term: { id: f.term1, name: '1 четверть' }, today: '2026-10-14', lateAfterSchoolDays: 1 });
    const math = row(res.body.rows, f.mathA);
    // Past lessons of 5А maths in the term up to 14 Oct: 09-07, 09-08, 09-09, 10-05, 10-12 → 5.
    // Topics on 09-07 and 10-12 → 2/5 = 0.4; homework on 09-07 → 1/5 = 0.2;
    // a mark or absence on each of the 5 → 5/5 = 1; marks 5 for 4 pupils → 1.25.
    // Late: P3's mark of 09-08 entered 09-10 (2 school days) and P1's of 10-05 entered 10-13 (10-12, 10-13) → 2.
    // Last entry: the attendance written at 2026-10-14T03:00Z.
    expect(math).toMatchObject({
      teacher: 'Учителева Анна Петровна', className: '5А', subject: 'Математика', pupils: 4, pastLessons: 5, topicShare: 0.4, homeworkShare: 0.2,
      attendanceShare: 1, marks: 5, marksPerPupil: 1.25, lateEntries: 2, lastEntryAt: '2026-10-14T03:00:00.000Z',
    });
    // 5А Russian: lessons 09-07, 09-10, 10-13 → 3; no topics; absences on 09-07 and 09-10 → 2/3 = 0.6667; no marks.
    expect(row(res.body.rows, f.rusA)).toMatchObject({ teacher: 'Словесникова Вера Ивановна', pastLessons: 3, topicShare: 0, homeworkShare: 0, attendanceShare: 0.6667, marks: 0, marksPerPupil: 0, lateEntries: 0 });
    // 5Б maths has no lessons: shares are unknown, not zero.
    expect(row(res.body.rows, f.mathB)).toMatchObject({ pastLessons: 0, topicShare: null, pupils: 2, lastEntryAt: null });
  });

  it('a larger threshold (school setting) makes those entries timely', async () => {
    const admin = await signedIn(env.ctx, 'school_admin', { schoolId: f.schoolId });
    expect((await call(env.app, 'PATCH', `/api/schools/${f.schoolId}`, { cookie: admin.cookie, body: { settings: { lateAfterSchoolDays: 2 } } })).status).toBe(200);
    const res = await call(env.app, 'GET', `/api/control/schools/${f.schoolId}?termId=${f.term1}`, { cookie: f.deputy.cookie });
    expect(row(res.body.rows, f.mathA).lateEntries).toBe(0);
    await call(env.app, 'PATCH', `/api/schools/${f.schoolId}`, { cookie: admin.cookie, body: { settings: { lateAfterSchoolDays: 1 } } });
  });

  it('is the school leaders’ only: a teacher is refused, a deputy of another school gets 404, a term of another school 404', async () => {
    expect((await call(env.app, 'GET', `/api/control/schools/${f.schoolId}`, { cookie: f.a.cookie })).status).toBe(403);
    const other = await makeRegionTree(env.ctx);
    const foreign = await signedIn(env.ctx, 'deputy', { schoolId: other.school.id });
    expect((await call(env.app, 'GET', `/api/control/schools/${f.schoolId}`, { cookie: foreign.cookie })).status).toBe(404);
    const res = await call(env.app, 'GET', `/api/control/schools/${other.school.id}?termId=${f.term1}`, { cookie: foreign.cookie });
    expect(res.status).toBe(404);
    expect(res.body.field).toBe('/querystring/termId');
  });
});

describe('remarks (замечания)', () => {
  it('the deputy writes, the teacher sees and closes, everything is kept', async () => {
    const created = await call(env.app, 'POST', '/api/control/remarks', { cookie: f.deputy.cookie, body: { courseId: f.mathA, text: 'Заполните темы уроков за сентябрь.' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ courseId: f.mathA, course: '5А Математика', teacherId: f.a.personId, doneAt: null });
    const page = await call(env.app, 'GET', `/api/control/schools/${f.schoolId}?termId=${f.term1}`, { cookie: f.deputy.cookie });
    expect(row(page.body.rows, f.mathA).openRemarks).toBe(1);

    const mine = await call(env.app, 'GET', '/api/control/my-remarks', { cookie: f.a.cookie });
    expect(mine.body.map((r: { text: string }) => r.text)).toEqual(['Заполните темы уроков за сентябрь.']);
    expect((await call(env.app, 'GET', '/api/control/my-remarks', { cookie: f.b.cookie })).body).toEqual([]);

    // Another teacher cannot close it: for them it does not exist.
    expect((await call(env.app, 'POST', `/api/control/remarks/${created.body.id}/done`, { cookie: f.b.cookie })).status).toBe(404);
    const done = await call(env.app, 'POST', `/api/control/remarks/${created.body.id}/done`, { cookie: f.a.cookie });
    expect(done.status).toBe(200);
    expect(done.body.doneAt).toBe('2026-10-14T03:00:00.000Z');

    const all = await call(env.app, 'GET', `/api/control/schools/${f.schoolId}/remarks`, { cookie: f.deputy.cookie });
    expect([all.body.total, all.body.items.length]).toEqual([1, 1]);
    expect(all.body.items[0]).toMatchObject({ doneAt: '2026-10-14T03:00:00.000Z', author: expect.stringContaining('Фамилия') });
    const rows = await env.ctx.db.kysely.selectFrom('remarks').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ done_by: f.a.personId, teacher_person_id: f.a.personId });
  });

  it('refuses a teacher who does not teach the course, an empty text, an unknown field; nothing is written', async () => {
    const wrong = await call(env.app, 'POST', '/api/control/remarks', { cookie: f.deputy.cookie, body: { courseId: f.mathA, teacherId: f.b.personId, text: 'x' } });
    expect(wrong.status).toBe(404);
    expect(wrong.body.field).toBe('/body/teacherId');
    const empty = await call(env.app, 'POST', '/api/control/remarks', { cookie: f.deputy.cookie, body: { courseId: f.mathA, text: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('/body/text');
    const extra = await call(env.app, 'POST', '/api/control/remarks', { cookie: f.deputy.cookie, body: { courseId: f.mathA, text: 'x', urgent: true } });
    expect(extra.body.field).toBe('/body/urgent');
    expect((await call(env.app, 'POST', '/api/control/remarks', { cookie: f.a.cookie, body: { courseId: f.mathA, text: 'x' } })).status).toBe(403);
    const other = await makeRegionTree(env.ctx);
    const foreign = await signedIn(env.ctx, 'deputy', { schoolId: other.school.id });
    expect((await call(env.app, 'POST', '/api/control/remarks', { cookie: foreign.cookie, body: { courseId: f.mathA, text: 'x' } })).status).toBe(404);
    expect(await env.ctx.db.kysely.selectFrom('remarks').selectAll().execute()).toHaveLength(1);
  });
});
