import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { buildApp } from '../app.js';
import { createContext } from '../bootstrap.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { CSRF_HEADER } from '../http/auth.js';
import type { App } from '../http/types.js';

/**
 * A fresh migrated database per test file: an SQLite file in a temporary
 * folder, or, under `npm run test:pg` (OTMETKA_TEST_PG_URL set), a new
 * PostgreSQL database dropped afterwards.
 */
export interface TestEnv {
  app: App;
  ctx: AppContext;
  clock: ReturnType<typeof fixedClock>;
  dataDir: string;
  close(): Promise<void>;
}

export const TEST_NOW = '2026-10-14T03:00:00.000Z'; // Wednesday 14 October 2026, 12:00 in Asia/Chita

/**
 * Test databases live in memory-backed /dev/shm when the machine has it: the
 * code still asks for synchronous=FULL, but an fsync there costs nothing, so
 * hundreds of committed writes per test stay fast.
 */
const TEST_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export async function createTestEnv(options: { now?: string; env?: Record<string, string> } = {}): Promise<TestEnv> {
  const dataDir = mkdtempSync(join(TEST_ROOT, 'otmetka-test-'));
  const pgAdminUrl = process.env.OTMETKA_TEST_PG_URL;
  let databaseUrl = `sqlite:${join(dataDir, 'test.sqlite')}`;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (pgAdminUrl) {
    const name = `otm_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgAdminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(pgAdminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: pgAdminUrl });
      await client.connect();
      // Work a test's requests started in the background (an import, a backup, an archive) may still hold a
      // connection of its own: let it finish for up to 10 s, so that FORCE does not cut it off mid-query
      // (which surfaces as an unhandled "terminating connection due to administrator command").
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    TZ: 'Asia/Chita',
    ...options.env,
  });
  const clock = fixedClock(options.now ?? TEST_NOW);
  const ctx = await createContext(config, { clock });
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    dataDir,
    async close() {
      await app.close();
      await ctx.db.close();
      if (dropDatabase) await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An API call as the web client makes it: JSON, the CSRF header, and the session cookie if given. */
export async function call(
  app: App,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
) {
  const response = await app.inject({
    method,
    url,
    headers: {
      [CSRF_HEADER]: '1',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
  return { status: response.statusCode, headers: response.headers, body: response.body ? safeJson(response.body) : null, raw: response };
}

/** A GET as a browser asks it (accepting gzip): the answer must be a gzipped 200 with Vary; returned decoded (gunzip checks CRC and length). */
export async function getGzippedJson(app: App, url: string, cookie: string): Promise<any> {
  const res = await call(app, 'GET', url, { cookie, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  if (res.status !== 200 || res.headers['content-encoding'] !== 'gzip' || !/accept-encoding/i.test(String(res.headers['vary']))) {
    throw new Error(`expected a gzipped 200 with Vary: accept-encoding, got ${res.status}, ${res.headers['content-encoding']}, ${res.headers['vary']}`);
  }
  return JSON.parse(gunzipSync(res.raw.rawPayload).toString('utf8'));
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A multipart upload of one file in the form field `file`, as the web client sends it. */
export function uploadFile(app: App, url: string, cookie: string, name: string, content: Buffer | string) {
  const boundary = '----otmetka';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url, headers: { cookie, [CSRF_HEADER]: '1', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}
