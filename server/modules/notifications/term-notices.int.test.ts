/**
 * Term and year marks by e-mail: written through the journal's API as a
 * teacher (and a deputy's lock) would, told by the notification job, checked
 * at a real SMTP server and in term_mark_notices. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { runNotificationsOnce } from '../../jobs/notifications.js';
import { call, createTestEnv, TEST_NOW, type TestEnv } from '../../test/harness.js';
import { sessionCookie } from '../../test/factories.js';
import { startSmtp } from '../../test/smtp.js';
import { diaryFixture, guardianOfConsentedAndNot, guardianWithMail, writeJournal } from '../diary/diary-fixture.js';
import { deriveDigests, sendDue } from './notifications.service.js';
import { termMarksInWindow, yearMarksInWindow } from './term-notices.queries.js';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let env: TestEnv;
let f: Awaited<ReturnType<typeof diaryFixture>>;


const termMark = (studentId: number, version: number, value: string | null, reason?: string) => ({
  kind: 'termMark', courseId: f.a.courseId, termId: f.a.termId, studentId, version, value, ...(reason ? { reason } : {}),
});
const yearMark = (studentId: number, version: number, value: string | null) => ({ kind: 'yearMark', courseId: f.a.courseId, studentId, version, value });
const mailsTo = (address: string, from = 0) => smtp.received.slice(from).filter((m) => m.to.includes(address));
const told = (guardianId: number) =>
  env.ctx.db.kysely.selectFrom('term_mark_notices').selectAll().where('guardian_person_id', '=', guardianId).orderBy('id').execute();
const termMarkRow = (studentId: number) =>
  env.ctx.db.kysely.selectFrom('term_marks').selectAll().where('student_person_id', '=', studentId).where('term_id', '=', f.a.termId).executeTakeFirst();
/** Runs the job `minutes` later than the clock: a rescan of the overlap (5 minutes) included. */
async function runAfter(minutes: number) {
  env.clock.advance(minutes * 60_000);
  return runNotificationsOnce(env.ctx);
}

const MOTHER = 'mother@family.test';
const FATHER = 'father@family.test';
const GRANDMOTHER = 'grandmother@family.test';
let father: { personId: number };
let grandmother: { personId: number };

beforeAll(async () => {
  smtp = await startSmtp();
  env = await createTestEnv({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Отметка <diary@school.test>', PUBLIC_URL: 'https://otmetka.school.test' } });
  f = await diaryFixture(env.ctx, { guardianEmail: MOTHER });
  await call(env.app, 'PUT', '/api/diary/notifications', { cookie: f.guardian.cookie, body: { mode: 'instant' } });
  // Guardians of the same child on the digests: instant notices must not reach them.
  father = await guardianWithMail(env.app, env.ctx, f.childA, f.a.schoolId, FATHER, 'daily');
  grandmother = await guardianWithMail(env.app, env.ctx, f.childA, f.a.schoolId, GRANDMOTHER, 'weekly');
});
afterAll(async () => {
  await env.close();
  await smtp.close();
});

describe('instant notices of term and year marks', () => {
  it('a term mark set in the journal arrives once, naming the term; a rescan sends nothing more', async () => {
    await writeJournal(env.app, f.a.teacher.cookie, [termMark(f.childA, 0, '5')]);
    expect(await runNotificationsOnce(env.ctx)).toMatchObject({ instant: 1, sent: 1 });
    const [mail, ...others] = smtp.received;
    expect(others).toEqual([]);
    expect(mail!.to).toEqual([MOTHER]);
    expect(mail!.subject).toBe('Отметка за 1 четверть: Математика 5');
    expect(mail!.text).toContain('В дневнике новые отметки.\n\nЧетвертные и годовые отметки\n\nКласс5А Ученик01\n  Математика, 1 четверть: 5\n');

    const row = await termMarkRow(f.childA);
    expect(await told(f.guardian.personId)).toEqual([
      expect.objectContaining({ kind: 'term', term_mark_id: row!.id, year_mark_id: null, version: 1, course_id: f.a.courseId, term_id: f.a.termId, academic_year_id: null, student_person_id: f.childA, value: '5', created_at: TEST_NOW }),
    ]);
    // Within the overlap, and after it: nothing new.
    expect(await runAfter(1)).toMatchObject({ instant: 0, sent: 0 });
    expect(await runAfter(10)).toMatchObject({ instant: 0, sent: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await told(father.personId)).toEqual([]);
  });

  it('a correction after the term lock is a second notice naming the change; the same value set again is not news', async () => {
    const locked = await call(env.app, 'POST', `/api/journal/schools/${f.a.schoolId}/locks`, { cookie: f.a.deputy.cookie, body: { termId: f.a.termId, scope: 'course', courseId: f.a.courseId } });
    expect(locked.status).toBe(201);
    const before = smtp.received.length;
    await writeJournal(env.app, f.a.teacher.cookie, [termMark(f.childA, 1, '4', 'Ошибка при вводе')]);
    expect(await runAfter(1)).toMatchObject({ instant: 1, sent: 1 });
    const [mail] = mailsTo(MOTHER, before);
    expect(mail!.subject).toBe('Изменена отметка за 1 четверть: Математика 5 → 4');
    expect(mail!.text).toContain('В дневнике изменены отметки.');
    expect(mail!.text).toContain('  Математика, 1 четверть: 5 → 4 (изменена)');

    // The teacher saves 4 again (a new version of the same value): nothing to tell.
    await writeJournal(env.app, f.a.teacher.cookie, [termMark(f.childA, 2, '4', 'Подтверждаю')]);
    expect(await runAfter(1)).toMatchObject({ instant: 0, sent: 0 });
    expect(await runAfter(1)).toMatchObject({ instant: 0, sent: 0 });
    expect(smtp.received).toHaveLength(before + 1);
    expect((await termMarkRow(f.childA))!.version).toBe(3);
    expect((await told(f.guardian.personId)).map((r) => [r.version, r.value])).toEqual([[1, '5'], [2, '4']]);
  });

  it('a cleared term mark tells nothing and keeps what was told; set again to the known value, nothing; to another, a change', async () => {
    const before = smtp.received.length;
    const reason = 'Исправление';
    await writeJournal(env.app, f.a.teacher.cookie, [termMark(f.childA, 3, null, reason)]);
    expect(await termMarkRow(f.childA)).toBeUndefined();
    expect(await runAfter(1)).toMatchObject({ instant: 0 });
    // The journal's delete was not blocked; the notices lost only the mark's id.
    expect((await told(f.guardian.personId)).map((r) => [r.term_mark_id, r.value])).toEqual([[null, '5'], [null, '4']]);

    await writeJournal(env.app, f.a.teacher.cookie, [termMark(f.childA, 0, '4', reason)]);
    expect(await runAfter(1)).toMatchObject({ instant: 0 });
    await writeJournal(env.app, f.a.teacher.cookie, [termMark(f.childA, 1, '5', reason)]);
    expect(await runAfter(1)).toMatchObject({ instant: 1, sent: 1 });
    const mails = mailsTo(MOTHER, before);
    expect(mails.map((m) => m.subject)).toEqual(['Изменена отметка за 1 четверть: Математика 4 → 5']);
  });

  it('a year mark arrives as «Годовая отметка»', async () => {
    const before = smtp.received.length;
    await writeJournal(env.app, f.a.teacher.cookie, [yearMark(f.childA, 0, '4')]);
    expect(await runAfter(1)).toMatchObject({ instant: 1, sent: 1 });
    const [mail] = mailsTo(MOTHER, before);
    expect(mail!.subject).toBe('Годовая отметка: Математика 4');
    expect(mail!.text).toContain('Четвертные и годовые отметки\n\nКласс5А Ученик01\n  Математика, год: 4\n');
    const year = await env.ctx.db.kysely.selectFrom('year_marks').select(['id', 'academic_year_id']).where('student_person_id', '=', f.childA).executeTakeFirstOrThrow();
    expect((await told(f.guardian.personId)).at(-1)).toMatchObject({ kind: 'year', year_mark_id: year.id, term_mark_id: null, academic_year_id: year.academic_year_id, term_id: null, value: '4' });
    expect(await runAfter(1)).toMatchObject({ instant: 0, sent: 0 });
  });
});

describe('consent', () => {
  it('a child without consent gets nothing told, even when the guardian’s other child has consent', async () => {
    const { withConsent, without, uncle } = await guardianOfConsentedAndNot(env.app, env.ctx, f);
    const before = smtp.received.length;
    const reason = 'После блокировки';
    await writeJournal(env.app, f.a.teacher.cookie, [termMark(withConsent, 0, '5', reason), termMark(without, 0, '2', reason), yearMark(without, 0, '3')]);
    await runAfter(1);
    const mails = mailsTo('uncle@family.test', before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Отметка за 1 четверть: Математика 5');
    expect(mails[0]!.text).toContain('Класс5А Ученик02\n  Математика, 1 четверть: 5');
    expect(mails[0]!.text).not.toContain('Ученик03');
    expect(mails[0]!.text).not.toContain(': 2');
    expect((await told(uncle.personId)).map((r) => r.student_person_id)).toEqual([withConsent]);
    // Nobody else's guardian heard of these pupils.
    expect(mailsTo(MOTHER, before)).toEqual([]);
  });
});

describe('digests', () => {
  it('the daily digest lists the day’s lesson marks, then the term and year marks in their own section', async () => {
    await writeJournal(env.app, f.a.teacher.cookie, [{ kind: 'mark', lessonId: f.a.lessonIds[3]!, studentId: f.childA, value: '5', reason: 'Ответ на уроке' }]);
    env.clock.set('2026-10-14T09:30:00.000Z'); // 18:30 in Asia/Chita
    expect(await deriveDigests(env.ctx)).toBe(1);
    expect(await deriveDigests(env.ctx)).toBe(0);
    const before = smtp.received.length;
    await sendDue(env.ctx);
    const [digest, ...more] = mailsTo(FATHER, before);
    expect(more).toEqual([]);
    expect(digest!.subject).toBe('Отметки за 14.10.2026');
    const text = digest!.text;
    expect(text).toContain('Отметки, поставленные за день 14.10.2026.\n\nКласс5А Ученик01\n  14.10.2026 · Математика: 5 (');
    // The term mark as it stands now (the father was never told the earlier values), and the year mark.
    expect(text).toContain('Четвертные и годовые отметки\n\nКласс5А Ученик01\n  Математика, 1 четверть: 5\n  Математика, год: 4\n');
    expect(text.indexOf('14.10.2026 · Математика')).toBeLessThan(text.indexOf('Четвертные и годовые отметки'));
    expect((await told(father.personId)).map((r) => [r.kind, r.value])).toEqual([['term', '5'], ['year', '4']]);
  });

  it('the weekly digest has the section too; a term mark changed in a later week says what it was', async () => {
    env.clock.set('2026-10-17T09:30:00.000Z'); // Saturday 18:30 in Asia/Chita
    expect(await deriveDigests(env.ctx)).toBe(1);
    let before = smtp.received.length;
    await sendDue(env.ctx);
    const [weekly] = mailsTo(GRANDMOTHER, before);
    expect(weekly!.subject).toBe('Отметки за неделю по 17.10.2026');
    expect(weekly!.text).toContain('Четвертные и годовые отметки\n\nКласс5А Ученик01\n  Математика, 1 четверть: 5\n  Математика, год: 4\n');
    expect((await told(grandmother.personId)).map((r) => [r.kind, r.value])).toEqual([['term', '5'], ['year', '4']]);

    env.clock.set('2026-10-20T03:00:00.000Z');
    const row = await termMarkRow(f.childA);
    // A new session: the teacher's from the first day has ended by now.
    const account = await env.ctx.db.kysely.selectFrom('accounts').select('id').where('person_id', '=', f.a.teacher.personId).executeTakeFirstOrThrow();
    const teacher = await sessionCookie(env.ctx, account.id);
    await writeJournal(env.app, teacher, [termMark(f.childA, row!.version, '4', 'Пересмотрено')]);
    env.clock.set('2026-10-24T09:30:00.000Z');
    expect(await deriveDigests(env.ctx)).toBeGreaterThanOrEqual(1);
    before = smtp.received.length;
    await sendDue(env.ctx);
    expect(mailsTo(GRANDMOTHER, before)[0]!.text).toContain('  Математика, 1 четверть: 5 → 4 (изменена)');
    env.clock.set(TEST_NOW);
  });
});

describe('finding the marks of a window', () => {
  it('starts from the updated_at indexes, never from a scan of all term or year marks', async () => {
    const db = env.ctx.db;
    for (const [query, index] of [
      [termMarksInWindow(db.kysely, TEST_NOW, TEST_NOW), 'term_marks_updated_at'],
      [yearMarksInWindow(db.kysely, TEST_NOW, TEST_NOW), 'year_marks_updated_at'],
    ] as const) {
      const compiled = query.compile();
      if (db.sqlite) {
        const plan = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as Array<{ detail: string }>;
        expect(plan.map((p) => p.detail).join('\n')).toContain(`USING INDEX ${index}`);
      } else {
        // The test tables are tiny, so forbid the scan to see that the index can serve the window.
        const plan = await db.kysely.transaction().execute(async (trx) => {
          await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
          return (await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]))).rows;
        });
        expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain(index);
      }
    }
  });
});
