/**
 * A malicious file, or a malicious file id: downloads never reach outside the
 * data folder (../, encoded dots, absolute paths, NUL bytes, tampered rows),
 * and refused uploads (too big, wrong type, hostile names) name the field and
 * leave nothing behind, neither on disk nor in the database. Runs with a small
 * UPLOAD_LIMIT so that "too big" is cheap to send.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makePerson, recordConsent, signedIn } from '../../test/factories.js';
import { logicalDump } from '../backup/backup.service.js';
import { VOLATILE_TABLES } from '../../test/attack/volatile.js';
import { journalFixture } from './journal-fixture.js';

const LIMIT = 64 * 1024;
let env: TestEnv;
let f: Awaited<ReturnType<typeof journalFixture>>;
let secret: string;
let fileId: number;
beforeAll(async () => {
  env = await createTestEnv({ env: { UPLOAD_LIMIT: String(LIMIT) } });
  f = await journalFixture(env.ctx);
  secret = readFileSync(join(env.dataDir, 'session-secret'), 'utf8').trim();
  const ok = await upload(f.teacher.cookie, 'план.txt', 'read § 12');
  expect(ok.statusCode).toBe(201);
  fileId = JSON.parse(ok.body).id;
});
afterAll(async () => env.close());

function multipart(name: string, content: Buffer | string, type = 'application/octet-stream') {
  const boundary = '----otmetka-sec';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
    Buffer.from(name, 'utf8'),
    Buffer.from(`"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}
function upload(cookie: string, name: string, content: Buffer | string, url = `/api/journal/lessons/${f.lessonIds[0]}/files`, method: 'POST' | 'PUT' = 'POST', type?: string) {
  const body = multipart(name, content, type);
  return env.app.inject({ method, url, headers: { cookie, 'x-otmetka-csrf': '1', 'content-type': body.contentType }, payload: body.payload });
}

/** Every file under the data folder except the database's own, with its size. */
function filesOnDisk(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!/\.sqlite(-wal|-shm|-journal)?$/.test(entry.name)) out.push(`${relative(env.dataDir, path)}:${statSync(path).size}`);
    }
  };
  walk(env.dataDir);
  return out.sort();
}

function expectNoLeak(res: { statusCode: number; body: string }, label: string) {
  expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, label).toBeLessThan(500);
  expect(res.body, label).not.toContain(secret);
  expect(res.body, label).not.toContain('root:x:');
}

const HOSTILE_IDS = [
  '..', '..%2F..%2Fsession-secret', '%2e%2e%2f%2e%2e%2fsession-secret', '%2E%2E/%2E%2E/session-secret', '..%5C..%5Csession-secret',
  '%2Fetc%2Fpasswd', '%252e%252e%252fsession-secret', 'session-secret', '0', '-1', '1e3', '0x1', ' 1', '1%00', '1%00.pdf', '%00',
  '99999999999', '1%2F..%2F..%2Fsession-secret',
];

describe('downloads stay inside the data folder', () => {
  it('hostile ids on every file-serving route are refused with a 4xx and serve nothing', async () => {
    const admin = await signedIn(env.ctx, 'admin');
    const routes = [
      [f.deputy.cookie, (id: string) => `/api/journal/files/${id}`],
      [f.deputy.cookie, (id: string) => `/api/consents/${id}/scan`],
      [f.deputy.cookie, (id: string) => `/api/reports/archives/${id}/file`],
      [admin.cookie, (id: string) => `/api/admin/backups/${id}/download`],
      [admin.cookie, (id: string) => `/api/admin/backups/${id}.otmbak/download`],
    ] as const;
    let tried = 0;
    for (const [cookie, url] of routes) {
      for (const id of [...HOSTILE_IDS, `${fileId}%00`, `${fileId}%2F..%2F..%2F..%2Fsession-secret`, encodeURIComponent(join(env.dataDir, 'session-secret'))]) {
        const res = await env.app.inject({ method: 'GET', url: url(id), headers: { cookie } });
        expectNoLeak(res, url(id));
        tried++;
      }
    }
    // Unencoded ../ in the URL is not resolved into another route or file either.
    for (const url of [`/api/journal/files/${fileId}/../../../session-secret`, `/api/journal/files/../../session-secret`, '/api/journal/../../session-secret']) {
      expectNoLeak(await env.app.inject({ method: 'GET', url, headers: { cookie: f.deputy.cookie } }), url);
      tried++;
    }
    expect(tried).toBeGreaterThan(100);
    // The real file still downloads, as an attachment that the browser will not sniff into HTML.
    const good = await env.app.inject({ method: 'GET', url: `/api/journal/files/${fileId}`, headers: { cookie: f.deputy.cookie } });
    expect(good.statusCode).toBe(200);
    expect(good.body).toBe('read § 12');
    expect(good.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(good.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a tampered row pointing outside the folder is refused, never read (homework file, consent scan)', async () => {
    const db = env.ctx.db.kysely;
    for (const storage of ['../../session-secret', join(env.dataDir, 'session-secret'), '../../../../../../etc/passwd', 'x/../../../session-secret']) {
      await db.updateTable('homework_files').set({ storage_name: storage }).where('id', '=', fileId).execute();
      expectNoLeak(await env.app.inject({ method: 'GET', url: `/api/journal/files/${fileId}`, headers: { cookie: f.deputy.cookie } }), storage);
    }
    const student = f.studentIds[0]!;
    const guardian = await makePerson(env.ctx);
    await recordConsent(env.ctx, f.schoolId, student, guardian);
    const consent = await db.selectFrom('consents').select('id').where('student_person_id', '=', student).executeTakeFirstOrThrow();
    const admin = await signedIn(env.ctx, 'school_admin', { schoolId: f.schoolId });
    for (const scan of ['session-secret', '../session-secret', 'consents/../session-secret', join(env.dataDir, 'session-secret'), '/etc/passwd']) {
      await db.updateTable('consents').set({ scan_file: scan, scan_type: 'application/pdf', scan_size: 10 }).where('id', '=', consent.id).execute();
      expectNoLeak(await env.app.inject({ method: 'GET', url: `/api/consents/${consent.id}/scan`, headers: { cookie: admin.cookie } }), scan);
    }
    // Replacing the scan of a tampered row does not delete the file it points at.
    const victim = join(env.dataDir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    await db.updateTable('consents').set({ scan_file: 'victim.txt' }).where('id', '=', consent.id).execute();
    const replaced = await upload(admin.cookie, 'scan.pdf', '%PDF-1.4 scan', `/api/consents/${consent.id}/scan`, 'PUT', 'application/pdf');
    expect(replaced.statusCode).toBe(200);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });
});

describe('refused uploads name the field and store nothing', () => {
  it('too big, refused types and hostile names: 4xx on /body/file, no file on disk, no row', async () => {
    const cases: Array<[string, Buffer | string, number, string]> = [
      ['big.pdf', Buffer.alloc(LIMIT + 1, 0x25), 413, 'file_too_large'],
      ['huge.pdf', Buffer.alloc(LIMIT * 4, 0x25), 413, 'file_too_large'],
      ['virus.exe', 'MZ', 415, 'file_type_refused'],
      ['page.html', '<script>alert(1)</script>', 415, 'file_type_refused'],
      ['page.htm', '<script>alert(1)</script>', 415, 'file_type_refused'],
      ['image.svg', '<svg onload="alert(1)"/>', 415, 'file_type_refused'],
      ['script.js', 'alert(1)', 415, 'file_type_refused'],
      ['shell.php', '<?php system($_GET[1]);', 415, 'file_type_refused'],
      ['homework.pdf.exe', 'MZ', 415, 'file_type_refused'],
      ['noextension', 'x', 415, 'file_type_refused'],
      ['.htaccess', 'x', 400, 'validation_failed'],
      ['page.html\0.pdf', '<script>alert(1)</script>', 400, 'validation_failed'],
      [`${'a'.repeat(300)}.pdf`, '%PDF', 400, 'validation_failed'],
    ];
    const dumpBefore = await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES });
    const diskBefore = filesOnDisk();
    for (const [name, content, status, code] of cases) {
      const res = await upload(f.teacher.cookie, name, content);
      const label = JSON.stringify(name.slice(0, 40));
      expect(res.statusCode, label).toBe(status);
      expect(JSON.parse(res.body), label).toMatchObject({ code, field: '/body/file' });
    }
    // Not multipart at all, and a multipart body without a file part.
    const json = await call(env.app, 'POST', `/api/journal/lessons/${f.lessonIds[0]}/files`, { cookie: f.teacher.cookie, body: { file: 'x' } });
    expect(json.body).toMatchObject({ status: 415, field: '/body/file' });
    const boundary = '----otmetka-nofile';
    const noFile = `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\n/etc/passwd\r\n--${boundary}--\r\n`;
    const res = await env.app.inject({ method: 'POST', url: `/api/journal/lessons/${f.lessonIds[0]}/files`, headers: { cookie: f.teacher.cookie, 'x-otmetka-csrf': '1', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: noFile });
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, field: '/body/file' });
    expect(await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES })).toEqual(dumpBefore);
    expect(filesOnDisk()).toEqual(diskBefore);
  });

  it('an uploaded name with a path keeps only its base name and lands under a random name in the school’s folder', async () => {
    for (const name of ['../../../session-secret.txt', '..\\..\\evil.txt', '/etc/cron.d/evil.txt']) {
      const res = await upload(f.teacher.cookie, name, 'x');
      expect(res.statusCode, name).toBeLessThan(500);
      if (res.statusCode !== 201) {
        expect(JSON.parse(res.body).field).toBe('/body/file');
        continue;
      }
      const stored = await env.ctx.db.kysely.selectFrom('homework_files').select(['name', 'storage_name']).where('id', '=', JSON.parse(res.body).id).executeTakeFirstOrThrow();
      expect(stored.name).not.toMatch(/[\\/]/);
      expect(stored.storage_name).toMatch(/^[0-9a-f]{32}$/);
      expect(existsSync(join(env.dataDir, 'homework', String(f.schoolId), stored.storage_name))).toBe(true);
    }
    expect(readFileSync(join(env.dataDir, 'session-secret'), 'utf8').trim()).toBe(secret);
    expect(existsSync('/etc/cron.d/evil.txt')).toBe(false);
  });

  it('consent scans and imports over the installation’s UPLOAD_LIMIT are refused on /body/file, nothing kept', async () => {
    const student = f.studentIds[1]!;
    await recordConsent(env.ctx, f.schoolId, student, await makePerson(env.ctx));
    const consent = await env.ctx.db.kysely.selectFrom('consents').select('id').where('student_person_id', '=', student).executeTakeFirstOrThrow();
    const admin = await signedIn(env.ctx, 'school_admin', { schoolId: f.schoolId });
    const dumpBefore = await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES });
    const diskBefore = filesOnDisk();
    const bigScan = await upload(admin.cookie, 'scan.pdf', Buffer.concat([Buffer.from('%PDF-1.4'), Buffer.alloc(LIMIT + 10)]), `/api/consents/${consent.id}/scan`, 'PUT', 'application/pdf');
    expect(bigScan.statusCode).toBe(413);
    expect(JSON.parse(bigScan.body)).toMatchObject({ code: 'scan_too_large', field: '/body/file' });
    const fakeScan = await upload(admin.cookie, 'scan.pdf', '<html><script>alert(1)</script>', `/api/consents/${consent.id}/scan`, 'PUT', 'application/pdf');
    expect(JSON.parse(fakeScan.body)).toMatchObject({ status: 415, code: 'scan_type_refused', field: '/body/file' });
    const bigImport = await upload(admin.cookie, 'students.csv', Buffer.alloc(LIMIT + 10, 0x41), `/api/schools/${f.schoolId}/imports/students/check`);
    expect(bigImport.statusCode).toBe(413);
    expect(JSON.parse(bigImport.body)).toMatchObject({ code: 'payload_too_large', field: '/body/file' });
    expect(await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES })).toEqual(dumpBefore);
    expect(filesOnDisk()).toEqual(diskBefore);
  });
});
