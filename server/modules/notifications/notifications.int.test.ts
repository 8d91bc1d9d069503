import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.js';
import { createContext } from '../../bootstrap.js';
import { runNotificationsOnce } from '../../jobs/notifications.js';
import { call, createTestEnv, TEST_NOW, type TestEnv } from '../../test/harness.js';
import { startSmtp } from '../../test/smtp.js';
import { diaryFixture, guardianOfConsentedAndNot, guardianWithMail, workTypes, writeJournal } from '../diary/diary-fixture.js';
import { backoffMs, deriveDigests, deriveInstantNotices, MAX_ATTEMPTS, sendDue } from './notifications.service.js';

const REFUSED = 'nobody@refused.test';
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let env: TestEnv;
let f: Awaited<ReturnType<typeof diaryFixture>>;
let refusing: { personId: number; cookie: string };


beforeAll(async () => {
  smtp = await startSmtp({ refuse: (a) => a === REFUSED });
  env = await createTestEnv({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Отметка <diary@school.test>', PUBLIC_URL: 'https://otmetka.school.test' } });
  f = await diaryFixture(env.ctx, { guardianEmail: 'mother@family.test' });
  await call(env.app, 'PUT', '/api/diary/notifications', { cookie: f.guardian.cookie, body: { mode: 'instant' } });
  refusing = await guardianWithMail(env.app, env.ctx, f.childA, f.a.schoolId, REFUSED, 'instant');
  // A second guardian of the same child on the daily digest: instant notices must not reach them.
  await guardianWithMail(env.app, env.ctx, f.childA, f.a.schoolId, 'father@family.test', 'daily');
});
afterAll(async () => {
  await env.close();
  await smtp.close();
});

const outbox = (where: { personId?: number } = {}) => {
  let query = env.ctx.db.kysely.selectFrom('outbox').selectAll().orderBy('id');
  if (where.personId) query = query.where('person_id', '=', where.personId);
  return query.execute();
};

describe('instant notices of new marks', () => {
  it('a mark entered in the journal arrives once by e-mail with its details; a refused address is retried and logged', async () => {
    const types = await workTypes(env.app, f.a.teacher.cookie, f.a.schoolId);
    await writeJournal(env.app, f.a.teacher.cookie, [{ kind: 'mark', lessonId: f.a.lessonIds[3]!, studentId: f.childA, value: '5', workTypeId: types.test!.id, comment: 'Молодец' }]);
    const warn = vi.spyOn(env.ctx.logger, 'warn');
    const report = await runNotificationsOnce(env.ctx);
    expect(report).toMatchObject({ instant: 2, sent: 1, retried: 1, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    const [row] = await outbox({ personId: f.guardian.personId });
    expect(mail.to).toEqual(['mother@family.test']);
    expect(mail.messageId).toBe(`<outbox-${row!.id}@otmetka.school.test>`);
    expect(mail.subject).toBe('Новая отметка: Математика 5');
    expect(mail.text).toContain('14.10.2026 · Математика: 5 (Контрольная работа, вес 3, «Молодец»)');
    expect(mail.text).toContain(`${'Класс5А'} Ученик01`);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sent_at: TEST_NOW });

    const [refused] = await outbox({ personId: refusing.personId });
    expect(refused).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: new Date(Date.parse(TEST_NOW) + backoffMs(1)).toISOString() });
    expect(refused!.last_error).toContain('550');
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ outboxId: refused!.id, to: REFUSED }), 'e-mail delivery failed, will retry');

    // Again: nothing new to notify, nothing resent, the refused one waits for its backoff.
    expect(await runNotificationsOnce(env.ctx)).toMatchObject({ instant: 0, sent: 0, retried: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('after every retry the refused message stays in the outbox as failed, with the error, and the sender keeps going', async () => {
    const error = vi.spyOn(env.ctx.logger, 'error');
    try {
      for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
        env.clock.advance(backoffMs(MAX_ATTEMPTS) + 1000);
        await sendDue(env.ctx);
      }
      const [refused] = await outbox({ personId: refusing.personId });
      expect(refused).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      expect(refused!.last_error).toContain('Mailbox unavailable');
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ outboxId: refused!.id, attempts: MAX_ATTEMPTS }), 'e-mail delivery failed for good');
      expect(smtp.received.filter((m) => m.to.includes(REFUSED))).toHaveLength(0);
    } finally {
      env.clock.set(TEST_NOW);
    }
  });

  it('a correction of a mark does not re-notify it; a second new mark is a new notice', async () => {
    const before = smtp.received.length;
    env.clock.advance(10 * 60_000);
    try {
      const first = await env.ctx.db.kysely.selectFrom('marks').select(['id', 'version']).where('student_person_id', '=', f.childA).executeTakeFirstOrThrow();
      await writeJournal(env.app, f.a.teacher.cookie, [{ kind: 'mark', lessonId: f.a.lessonIds[3]!, studentId: f.childA, markId: first.id, version: first.version, value: '4', comment: '' }]);
      expect(await runNotificationsOnce(env.ctx)).toMatchObject({ instant: 0, sent: 0 });
      await writeJournal(env.app, f.a.teacher.cookie, [{ kind: 'mark', lessonId: f.a.lessonIds[2]!, studentId: f.childA, value: '4' }]);
      await runNotificationsOnce(env.ctx);
      const mails = smtp.received.slice(before);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe('Новая отметка: Математика 4');
    } finally {
      env.clock.set(TEST_NOW);
    }
  });
});

describe('consent', () => {
  it('a guardian hears only of the children whose consent is on record, as in the diary', async () => {
    const { withConsent, without, uncle } = await guardianOfConsentedAndNot(env.app, env.ctx, f);
    // The diary agrees: the child without consent is not theirs to see.
    expect((await call(env.app, 'GET', `/api/diary/students/${without}/week`, { cookie: uncle.cookie })).status).toBe(404);

    env.clock.advance(20 * 60_000);
    try {
      await writeJournal(env.app, f.a.teacher.cookie, [
        { kind: 'mark', lessonId: f.a.lessonIds[1]!, studentId: withConsent, value: '5' },
        { kind: 'mark', lessonId: f.a.lessonIds[1]!, studentId: without, value: '2' },
      ]);
      const before = smtp.received.length;
      await runNotificationsOnce(env.ctx);
      const mails = smtp.received.slice(before).filter((m) => m.to.includes('uncle@family.test'));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe('Новая отметка: Математика 5');
      expect(mails[0]!.text).not.toContain('Математика: 2');
      const noticed = await env.ctx.db.kysely.selectFrom('mark_notices').select('mark_id').where('guardian_person_id', '=', uncle.personId).execute();
      expect(noticed).toHaveLength(1);
    } finally {
      env.clock.set(TEST_NOW);
    }
  });
});

describe('daily digest', () => {
  it('goes out once after 18:00 local with the day’s marks', async () => {
    env.clock.set('2026-10-14T09:30:00.000Z'); // 18:30 in Asia/Chita
    try {
      expect(await deriveDigests(env.ctx)).toBe(1);
      expect(await deriveDigests(env.ctx)).toBe(0);
      const before = smtp.received.length;
      await sendDue(env.ctx);
      const digest = smtp.received.slice(before).find((m) => m.to.includes('father@family.test'))!;
      expect(digest.subject).toBe('Отметки за 14.10.2026');
      expect(digest.text).toContain('14.10.2026 · Математика: 4 (Контрольная работа');
      expect(digest.text).toContain('12.10.2026 · Математика: 4 (вес 1)');
    } finally {
      env.clock.set(TEST_NOW);
    }
  });
});

describe('across restarts', () => {
  it('a notice enqueued before a restart is sent once by the new process', async () => {
    env.clock.set('2026-10-14T04:00:00.000Z');
    await writeJournal(env.app, f.b.teacher.cookie, [{ kind: 'mark', lessonId: f.b.lessonIds[3]!, studentId: f.childB, value: '3' }]);
    expect(await deriveInstantNotices(env.ctx)).toBe(1);
    const pending = (await outbox({ personId: f.guardian.personId })).filter((r) => r.status === 'pending');
    expect(pending).toHaveLength(1);

    // The process stops before sending: close the app and the database, then start anew on the same database.
    await env.app.close();
    const config = env.ctx.config;
    const closeDb = env.ctx.db.close.bind(env.ctx.db);
    await closeDb();
    const ctx2 = await createContext(config, { clock: env.clock });
    const app2 = await buildApp(ctx2);
    const before = smtp.received.length;
    try {
      expect(await sendDue(ctx2)).toMatchObject({ sent: 1 });
      expect(await sendDue(ctx2)).toMatchObject({ sent: 0 });
      const mails = smtp.received.slice(before);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.messageId).toBe(`<outbox-${pending[0]!.id}@otmetka.school.test>`);
      expect(mails[0]!.subject).toBe('Новая отметка: Математика 3');

      // A sender that died after claiming (lease taken, no outcome) leaves the row to the next one once the lease ends.
      await ctx2.db.kysely
        .updateTable('outbox')
        .set({ status: 'sending', lease_until: new Date(env.clock.now().getTime() + 60_000).toISOString() })
        .where('id', '=', pending[0]!.id)
        .execute();
      expect(await sendDue(ctx2)).toMatchObject({ sent: 0 });
      env.clock.advance(5 * 60_000);
      expect(await sendDue(ctx2)).toMatchObject({ sent: 1 });
      // Re-sent with the same Message-ID, so a receiving client can show it once.
      expect(smtp.received.at(-1)!.messageId).toBe(mails[0]!.messageId);
    } finally {
      await app2.close();
      // hand the new database to the harness's close()
      env.ctx.db = ctx2.db;
      env.clock.set(TEST_NOW);
    }
  });
});
