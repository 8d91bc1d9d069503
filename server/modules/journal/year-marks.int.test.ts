/**
 * Year marks (годовые отметки) through the journal's write path: the last
 * term's grid shows them with the suggestion from the term marks; versions,
 * scale, membership, the last term's lock, audit; reports and the diary read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { recordConsent, signedIn } from '../../test/factories.js';
import { makeClass } from '../../test/structure-factories.js';
import { signIn } from '../diary/diary-fixture.js';
import { journalFixture } from './journal-fixture.js';
import { verifyAuditChains } from './journal.service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const write = (cookie: string, changes: unknown[]) => call(env.app, 'POST', '/api/journal/changes', { cookie, body: { changes } });
const yearMark = (courseId: number, studentId: number, version: number, value: string | null, reason?: string) => ({ kind: 'yearMark', courseId, studentId, version, value, ...(reason ? { reason } : {}) });
const grid = async (cookie: string, courseId: number, termId: number) => {
  const res = await call(env.app, 'GET', `/api/journal/courses/${courseId}?termId=${termId}`, { cookie });
  expect(res.status).toBe(200);
  return res.body;
};
const count = async (table: 'year_marks' | 'audit_log' | 'corrections', schoolId: number) =>
  Number((await env.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('school_id', '=', schoolId).executeTakeFirstOrThrow()).n);

describe('setting a year mark', () => {
  it('set, change with its version, a stale version is a 409 with the current value; the last term’s grid shows it', async () => {
    const f = await journalFixture(env.ctx);
    const [a, b] = f.studentIds as [number, number];
    const last = f.termIds[3]!;
    const set = await write(f.teacher.cookie, [yearMark(f.courseId, a, 0, '4')]);
    expect(set.status).toBe(200);
    expect(set.body.results).toEqual([{ id: null, version: 1, value: '4' }]);
    const changed = await write(f.teacher.cookie, [yearMark(f.courseId, a, 1, '5')]);
    expect(changed.body.results).toEqual([{ id: null, version: 2, value: '5' }]);
    const stale = await write(f.teacher.cookie, [yearMark(f.courseId, a, 1, '3')]);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', field: '/body/changes/0/version', current: { value: '5', version: 2 } });
    // a second tab that thinks the cell is empty
    expect((await write(f.teacher.cookie, [yearMark(f.courseId, a, 0, '3')])).body.current).toEqual({ value: '5', version: 2 });
    const row = await env.ctx.db.kysely.selectFrom('year_marks').select(['value', 'version', 'academic_year_id']).where('course_id', '=', f.courseId).where('student_person_id', '=', a).executeTakeFirstOrThrow();
    expect(row).toEqual({ value: '5', version: 2, academic_year_id: f.yearId });

    const g = await grid(f.teacher.cookie, f.courseId, last);
    const ia = g.students.findIndex((s: unknown[]) => s[0] === a);
    expect(g.year).toMatchObject({ id: f.yearId, marks: [[ia, '5', 2]] });
    // only the last term carries the year column
    expect((await grid(f.teacher.cookie, f.courseId, f.termIds[0]!)).year).toBeNull();

    // deleting: value null with the version; an empty cell cleared again is a no-op
    expect((await write(f.teacher.cookie, [yearMark(f.courseId, a, 2, null)])).body.results).toEqual([{ id: null, version: 0, value: null }]);
    expect((await write(f.teacher.cookie, [yearMark(f.courseId, b, 0, null)])).status).toBe(200);
    expect(await count('year_marks', f.schoolId)).toBe(0);
    expect((await grid(f.teacher.cookie, f.courseId, last)).year.marks).toEqual([]);
  });

  it('the suggestion comes from the term marks by the thresholds, and follows a term mark written later', async () => {
    const f = await journalFixture(env.ctx);
    const [a, b, c] = f.studentIds as [number, number, number];
    const [t1, t2, t3, t4] = f.termIds as [number, number, number, number];
    const tm = (termId: number, studentId: number, value: string) => ({ kind: 'termMark', courseId: f.courseId, termId, studentId, version: 0, value });
    await write(f.teacher.cookie, [tm(t1, a, '5'), tm(t2, a, '4'), tm(t3, a, '5'), tm(t1, b, '4'), tm(t2, b, '4'), tm(t3, b, '5'), tm(t4, b, '3'), tm(t1, c, 'н/а')]);
    const before = await grid(f.teacher.cookie, f.courseId, t4);
    const at = (id: number) => before.students.findIndex((s: unknown[]) => s[0] === id);
    // a: (5 + 4 + 5) / 3 = 4.67 → 5; b: (4 + 4 + 5 + 3) / 4 = 4.00 → 4; c: only н/а → н/а; d: no term mark → null
    expect(before.year.suggestions[at(a)]).toBe('5');
    expect(before.year.suggestions[at(b)]).toBe('4');
    expect(before.year.suggestions[at(c)]).toBe('н/а');
    expect(before.year.suggestions[at(f.studentIds[3]!)]).toBeNull();
    // a term mark changed in the first term reaches the cached last-term grid: (3 + 4 + 5) / 3 = 4.00 → 4
    await write(f.teacher.cookie, [{ ...tm(t1, a, '3'), version: 1 }]);
    expect((await grid(f.teacher.cookie, f.courseId, t4)).year.suggestions[at(a)]).toBe('4');
    // and the last term's own: (3 + 4 + 5 + 2) / 4 = 3.50 → 3
    await write(f.teacher.cookie, [tm(t4, a, '2')]);
    expect((await grid(f.teacher.cookie, f.courseId, t4)).year.suggestions[at(a)]).toBe('3');
  });
});

describe('bad input: 4xx naming the field, nothing written, no audit record', () => {
  it('a value the scale does not allow, a pupil not in the course, a course of another teacher', async () => {
    const f = await journalFixture(env.ctx);
    const a = f.studentIds[0]!;
    const before = [await count('year_marks', f.schoolId), await count('audit_log', f.schoolId)];
    for (const value of ['6', '4-', '4/3', 'пять']) {
      const res = await write(f.teacher.cookie, [yearMark(f.courseId, a, 0, value)]);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'mark_not_allowed', field: '/body/changes/0/value' });
    }
    const other = await makeClass(env.ctx, f.schoolId, f.yearId, { letter: 'Б', students: 1 });
    const stranger = await write(f.teacher.cookie, [yearMark(f.courseId, a, 0, '5'), yearMark(f.courseId, other.studentIds[0]!, 0, '5')]);
    expect(stranger.status).toBe(422);
    expect(stranger.body).toMatchObject({ code: 'student_not_in_course', field: '/body/changes/1/studentId' });
    const otherTeacher = await signedIn(env.ctx, 'teacher', { schoolId: f.schoolId });
    expect((await write(otherTeacher.cookie, [yearMark(f.courseId, a, 0, '5')])).body).toMatchObject({ code: 'not_found', field: '/body/changes/0/courseId' });
    expect((await write(f.deputy.cookie, [yearMark(f.courseId, a, 0, '5')])).status).toBe(403);
    expect([await count('year_marks', f.schoolId), await count('audit_log', f.schoolId)]).toEqual(before);
  });

  it('a pupil who joined the class during the year may get one; a pass/fail subject takes зач only', async () => {
    const f = await journalFixture(env.ctx);
    const other = await makeClass(env.ctx, f.schoolId, f.yearId, { letter: 'В', students: 1 });
    const pupil = other.studentIds[0]!;
    await env.ctx.db.kysely.insertInto('class_members').values({ school_id: f.schoolId, class_id: f.classId, student_person_id: pupil, from_date: '2027-02-01', to_date: null }).execute();
    expect((await write(f.teacher.cookie, [yearMark(f.courseId, pupil, 0, '4')])).status).toBe(200);
    await env.ctx.db.kysely.updateTable('subjects').set({ pass_fail: 1 }).where('id', '=', f.subjectId).execute();
    expect((await write(f.teacher.cookie, [yearMark(f.courseId, f.studentIds[0]!, 0, '5')])).body.code).toBe('mark_not_allowed');
    expect((await write(f.teacher.cookie, [yearMark(f.courseId, f.studentIds[0]!, 0, 'зач')])).status).toBe(200);
  });
});

describe('the lock of the year’s last term, and the audit', () => {
  it('a lock of an earlier term leaves year marks open; the last term’s lock asks for a reason and flags the correction', async () => {
    const f = await journalFixture(env.ctx);
    const a = f.studentIds[0]!;
    const lock = (termId: number) => call(env.app, 'POST', `/api/journal/schools/${f.schoolId}/locks`, { cookie: f.deputy.cookie, body: { termId, scope: 'course', courseId: f.courseId } });
    expect((await lock(f.termIds[0]!)).status).toBe(201);
    expect((await write(f.teacher.cookie, [yearMark(f.courseId, a, 0, '4')])).status).toBe(200);
    expect(await count('corrections', f.schoolId)).toBe(0);

    expect((await lock(f.termIds[3]!)).status).toBe(201);
    expect((await grid(f.teacher.cookie, f.courseId, f.termIds[3]!)).term.locked).toBe(true);
    const auditBefore = await count('audit_log', f.schoolId);
    const refused = await write(f.teacher.cookie, [yearMark(f.courseId, a, 1, '5')]);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'reason_required', field: '/body/changes/0/reason' });
    expect(await count('audit_log', f.schoolId)).toBe(auditBefore);

    expect((await write(f.teacher.cookie, [yearMark(f.courseId, a, 1, '5', 'Пересдача в июне')])).status).toBe(200);
    const list = await call(env.app, 'GET', `/api/journal/schools/${f.schoolId}/corrections`, { cookie: f.deputy.cookie });
    expect(list.body.items.map((c: { entity: string; termId: number; oldValue: string; newValue: string; reason: string }) => [c.entity, c.termId, c.oldValue, c.newValue, c.reason])).toEqual([
      ['year_mark', f.termIds[3], '4', '5', 'Пересдача в июне'],
    ]);

    // the audit: who, old, new, reason; the history of the cell; the chain verifies
    const h = await call(env.app, 'GET', `/api/journal/history?courseId=${f.courseId}&studentId=${a}&yearMark=true`, { cookie: f.deputy.cookie });
    expect(h.status).toBe(200);
    expect(h.body.map((e: { entity: string; action: string; old: unknown; new: unknown; reason: string }) => [e.entity, e.action, e.old, e.new, e.reason])).toEqual([
      ['year_mark', 'create', null, { value: '4' }, ''],
      ['year_mark', 'update', { value: '4' }, { value: '5' }, 'Пересдача в июне'],
    ]);
    expect(h.body[0].actor).toBe('Учителева Анна Петровна');
    const keys = await env.ctx.db.kysely.selectFrom('audit_log').select('entity_key').where('school_id', '=', f.schoolId).where('entity', '=', 'year_mark').execute();
    expect(keys.map((k) => k.entity_key)).toEqual([`C${f.courseId}:Y${f.yearId}:S${a}`, `C${f.courseId}:Y${f.yearId}:S${a}`]);
    expect((await verifyAuditChains(env.ctx, f.schoolId)).broken).toEqual([]);
  });
});

describe('reports and the diary read what the journal wrote', () => {
  it('class results for the year, the report cards and the pupil’s diary show the year mark', async () => {
    const f = await journalFixture(env.ctx);
    const [a, b] = f.studentIds as [number, number];
    expect((await write(f.teacher.cookie, [yearMark(f.courseId, a, 0, '5'), yearMark(f.courseId, b, 0, '3')])).status).toBe(200);

    const results = await call(env.app, 'GET', `/api/reports/classes/${f.classId}/results?year=true`, { cookie: f.deputy.cookie });
    expect(results.status).toBe(200);
    expect(results.body.pupils.find((p: { id: number }) => p.id === a).marks).toEqual(['5']);

    const cards = await call(env.app, 'GET', `/api/reports/classes/${f.classId}/report-cards?studentId=${b}`, { cookie: f.deputy.cookie });
    expect(cards.status).toBe(200);
    expect(cards.body.cards[0].subjects[0]).toMatchObject({ year: '3' });

    const guardian = await signedIn(env.ctx, 'teacher', { schoolId: f.schoolId }); // any person: only to hold the consent
    await recordConsent(env.ctx, f.schoolId, a, guardian.personId);
    const pupil = await signIn(env.ctx, a, 'student', { schoolId: f.schoolId });
    const diary = await call(env.app, 'GET', `/api/diary/students/${a}/subjects`, { cookie: pupil.cookie });
    expect(diary.status).toBe(200);
    expect(diary.body.subjects[0]).toMatchObject({ courseId: f.courseId, yearMark: '5' });
  });
});
