import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { consentCoverage } from './consents.service.js';

let env: TestEnv;
let t: Awaited<ReturnType<typeof makeRegionTree>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  env = await createTestEnv();
  t = await makeRegionTree(env.ctx);
  admin = await signedIn(env.ctx, 'school_admin', { schoolId: t.school.id });
});
afterAll(async () => env.close());
const db = () => env.ctx.db.kysely;
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;

async function family(surname: string) {
  const student = await call(env.app, 'POST', `/api/schools/${t.school.id}/students`, { cookie: admin.cookie, body: { surname, name: 'Ребёнок' } });
  const guardian = await call(env.app, 'POST', `/api/schools/${t.school.id}/guardians`, { cookie: admin.cookie, body: { surname, name: 'Мама', studentId: student.body.personId, relation: 'mother' } });
  return { student: student.body, guardian: guardian.body };
}

async function upload(consentId: number, cookie: string, data: Buffer, type: string) {
  const boundary = '----otmetka';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await env.app.inject({ method: 'PUT', url: `/api/consents/${consentId}/scan`, headers: { cookie, 'x-otmetka-csrf': '1', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

describe('consents', () => {
  it('activation is refused without consent, allowed once it is recorded', async () => {
    const f = await family('Согласнова');
    const refused = await call(env.app, 'POST', '/api/auth/activate', { body: { code: f.guardian.activationCode, login: 'soglasnova', password: 'мамин пароль 1' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'consent_required', field: '/body/code' });
    expect((await db().selectFrom('accounts').select('status').where('person_id', '=', f.guardian.personId).executeTakeFirstOrThrow()).status).toBe('pending');

    const consent = await call(env.app, 'POST', `/api/students/${f.student.personId}/consents`, { cookie: admin.cookie, body: { guardianId: f.guardian.personId, givenOn: '2026-09-01', documentNumber: '17/2026' } });
    expect(consent.status).toBe(201);
    expect(consent.body).toMatchObject({ guardianName: 'Согласнова Мама', documentNumber: '17/2026', withdrawnAt: null, hasScan: false });
    const ok = await call(env.app, 'POST', '/api/auth/activate', { body: { code: f.guardian.activationCode, login: 'soglasnova', password: 'мамин пароль 1' } });
    expect(ok.status).toBe(200);
    expect(ok.body.childIds).toEqual([f.student.personId]);
  });

  it('withdrawal blocks the student’s and guardian’s accounts at once and ends their sessions; recording again lifts the block', async () => {
    const f = await family('Отзывова');
    const consent = await call(env.app, 'POST', `/api/students/${f.student.personId}/consents`, { cookie: admin.cookie, body: { guardianId: f.guardian.personId, givenOn: '2026-09-01', documentNumber: '18' } });
    const guardian = cookieOf(await call(env.app, 'POST', '/api/auth/activate', { body: { code: f.guardian.activationCode, login: 'otzyvova', password: 'мамин пароль 2' } }));
    const student = cookieOf(await call(env.app, 'POST', '/api/auth/activate', { body: { code: f.student.activationCode, login: 'otzyvov', password: 'мой пароль 22' } }));
    expect((await call(env.app, 'GET', `/api/children/${f.student.personId}`, { cookie: guardian })).status).toBe(200);

    const withdrawn = await call(env.app, 'POST', `/api/consents/${consent.body.id}/withdraw`, { cookie: admin.cookie, body: { withdrawnOn: '2026-10-14', note: 'заявление' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnOn).toBe('2026-10-14');
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: guardian })).status).toBe(401);
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie: student })).status).toBe(401);
    const blocked = await call(env.app, 'POST', '/api/auth/sign-in', { body: { login: 'otzyvova', password: 'мамин пароль 2' } });
    expect(blocked.body).toMatchObject({ code: 'account_blocked' });
    const statuses = await db().selectFrom('accounts').select(['status', 'blocked_reason']).where('person_id', 'in', [f.student.personId, f.guardian.personId]).execute();
    expect(statuses).toEqual([
      { status: 'blocked', blocked_reason: 'consent' },
      { status: 'blocked', blocked_reason: 'consent' },
    ]);
    const twice = await call(env.app, 'POST', `/api/consents/${consent.body.id}/withdraw`, { cookie: admin.cookie, body: { withdrawnOn: '2026-10-14' } });
    expect(twice.body.code).toBe('consent_already_withdrawn');

    await call(env.app, 'POST', `/api/students/${f.student.personId}/consents`, { cookie: admin.cookie, body: { guardianId: f.guardian.personId, givenOn: '2026-10-15', documentNumber: '19' } });
    expect((await call(env.app, 'POST', '/api/auth/sign-in', { body: { login: 'otzyvova', password: 'мамин пароль 2' } })).status).toBe(200);
    const history = await call(env.app, 'GET', `/api/students/${f.student.personId}/consents`, { cookie: admin.cookie });
    expect(history.body.map((c: { documentNumber: string }) => c.documentNumber)).toEqual(['19', '18']);
  });

  it('a teacher who is also a guardian keeps the staff account when the child’s consent is withdrawn', async () => {
    const f = await family('Учительская');
    const teacher = await call(env.app, 'POST', `/api/schools/${t.school.id}/staff`, { cookie: admin.cookie, body: { surname: 'Учительская', name: 'Папа', roles: ['teacher'] } });
    await call(env.app, 'POST', `/api/schools/${t.school.id}/guardianships`, { cookie: admin.cookie, body: { guardianId: teacher.body.personId, studentId: f.student.personId, relation: 'father' } });
    const consent = await call(env.app, 'POST', `/api/students/${f.student.personId}/consents`, { cookie: admin.cookie, body: { guardianId: teacher.body.personId, givenOn: '2026-09-01', documentNumber: '20' } });
    await call(env.app, 'POST', '/api/auth/activate', { body: { code: teacher.body.activationCode, login: 'papa.t', password: 'учительский 3' } });
    await call(env.app, 'POST', `/api/consents/${consent.body.id}/withdraw`, { cookie: admin.cookie, body: { withdrawnOn: '2026-10-14' } });
    const again = await call(env.app, 'POST', '/api/auth/sign-in', { body: { login: 'papa.t', password: 'учительский 3' } });
    expect(again.status).toBe(200);
    expect(again.body.childIds).toEqual([]);
  });

  it('the consent must come from a guardian of the student; another school’s admin gets 404', async () => {
    const f = await family('Чужая');
    const g = await family('Другая');
    const wrong = await call(env.app, 'POST', `/api/students/${f.student.personId}/consents`, { cookie: admin.cookie, body: { guardianId: g.guardian.personId, givenOn: '2026-09-01', documentNumber: '1' } });
    expect(wrong.body).toMatchObject({ code: 'not_a_guardian', field: '/body/guardianId' });
    const other = await makeRegionTree(env.ctx);
    const foreign = await signedIn(env.ctx, 'school_admin', { schoolId: other.school.id });
    expect((await call(env.app, 'GET', `/api/students/${f.student.personId}/consents`, { cookie: foreign.cookie })).status).toBe(404);
  });

  it('a scan: PDF, JPEG or PNG by its bytes, at most 5 MB, stored under DATA_DIR, served only to the school', async () => {
    const f = await family('Сканова');
    const consent = await call(env.app, 'POST', `/api/students/${f.student.personId}/consents`, { cookie: admin.cookie, body: { guardianId: f.guardian.personId, givenOn: '2026-09-01', documentNumber: '21' } });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 32)]);
    const fake = await upload(consent.body.id, admin.cookie, Buffer.from('MZ not a pdf'), 'application/pdf');
    expect(fake).toMatchObject({ status: 415, body: { code: 'scan_type_refused', field: '/body/file' } });
    const exe = await upload(consent.body.id, admin.cookie, Buffer.from('#!/bin/sh'), 'application/x-sh');
    expect(exe.status).toBe(415);
    const big = await upload(consent.body.id, admin.cookie, Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(5 * 1024 * 1024 + 10)]), 'application/pdf');
    expect(big).toMatchObject({ status: 413, body: { code: 'scan_too_large' } });
    const ok = await upload(consent.body.id, admin.cookie, pdf, 'application/pdf');
    expect(ok).toMatchObject({ status: 200, body: { hasScan: true } });
    const row = await db().selectFrom('consents').selectAll().where('id', '=', consent.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ scan_type: 'application/pdf', scan_size: pdf.length });
    expect(existsSync(join(env.dataDir, row.scan_file!))).toBe(true);

    const served = await env.app.inject({ method: 'GET', url: `/api/consents/${consent.body.id}/scan`, headers: { cookie: admin.cookie } });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.rawPayload.equals(pdf)).toBe(true);
    const teacher = await signedIn(env.ctx, 'teacher', { schoolId: t.school.id });
    expect((await env.app.inject({ method: 'GET', url: `/api/consents/${consent.body.id}/scan`, headers: { cookie: teacher.cookie } })).statusCode).toBe(403);
    const other = await makeRegionTree(env.ctx);
    const foreign = await signedIn(env.ctx, 'director', { schoolId: other.school.id });
    expect((await env.app.inject({ method: 'GET', url: `/api/consents/${consent.body.id}/scan`, headers: { cookie: foreign.cookie } })).statusCode).toBe(404);
  });

  it('coverage per school counts students with consent on record; the municipal officer gets the counts', async () => {
    const tree = await makeRegionTree(env.ctx);
    const sa = await signedIn(env.ctx, 'school_admin', { schoolId: tree.school.id });
    const ids: Array<{ s: number; g: number }> = [];
    for (let i = 0; i < 4; i++) {
      const s = await call(env.app, 'POST', `/api/schools/${tree.school.id}/students`, { cookie: sa.cookie, body: { surname: `Охват${i}`, name: 'А' } });
      const g = await call(env.app, 'POST', `/api/schools/${tree.school.id}/guardians`, { cookie: sa.cookie, body: { surname: `Охват${i}`, name: 'Б', studentId: s.body.personId, relation: 'other' } });
      ids.push({ s: s.body.personId, g: g.body.personId });
    }
    for (const { s, g } of ids.slice(0, 3)) await call(env.app, 'POST', `/api/students/${s}/consents`, { cookie: sa.cookie, body: { guardianId: g, givenOn: '2026-09-01', documentNumber: 'x' } });
    expect(await consentCoverage(env.ctx, [tree.school.id])).toEqual([{ schoolId: tree.school.id, students: 4, withConsent: 3, share: 0.75 }]);
    const officer = await signedIn(env.ctx, 'municipal_officer', { municipalityId: tree.municipality.id });
    const res = await call(env.app, 'GET', `/api/schools/${tree.school.id}/consent-coverage`, { cookie: officer.cookie });
    expect(res.body).toEqual({ schoolId: tree.school.id, students: 4, withConsent: 3, share: 0.75 });
    const stranger = await signedIn(env.ctx, 'municipal_officer', { municipalityId: t.municipality.id });
    expect((await call(env.app, 'GET', `/api/schools/${tree.school.id}/consent-coverage`, { cookie: stranger.cookie })).status).toBe(404);
  });
});
