/**
 * Large JSON answers are gzipped for clients that accept it; small ones, those
 * already encoded and clients that do not accept gzip get them as they are.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../test/harness.js';
import { journalFixture } from '../modules/journal/journal-fixture.js';
import { COMPRESS_FROM_CHARS } from './compress.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

describe('large JSON answers', () => {
  it('are gzipped for a client that accepts gzip, and the same JSON', async () => {
    // The API description: a large JSON answer built per request.
    const plain = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESS_FROM_CHARS);
    const gzipped = await env.app.inject({ method: 'GET', url: '/api/openapi.json', headers: GZIP });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['vary']).toMatch(/accept-encoding/i);
    const body = gzipped.rawPayload;
    expect(Number(gzipped.headers['content-length'])).toBe(body.length);
    expect(body.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(JSON.parse(plain.body));
  });

  it('leave small answers, and answers already gzipped, as they are', async () => {
    const health = await env.app.inject({ method: 'GET', url: '/api/health', headers: GZIP });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    // The grid keeps its own gzip: it must arrive compressed once, not twice.
    const f = await journalFixture(env.ctx);
    const grid = await call(env.app, 'GET', `/api/journal/courses/${f.courseId}?termId=${f.termId}`, { cookie: f.teacher.cookie, headers: GZIP });
    expect(grid.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(grid.raw.rawPayload).toString('utf8'))).toMatchObject({ canWrite: true });
    // So does the public directory (kept with its gzip between changes).
    const directory = await env.app.inject({ method: 'GET', url: '/api/public/directory', headers: GZIP });
    expect(directory.headers['content-encoding']).toBe('gzip');
    const plain = await env.app.inject({ method: 'GET', url: '/api/public/directory' });
    expect(JSON.parse(gunzipSync(directory.rawPayload).toString('utf8'))).toEqual(JSON.parse(plain.body));
    expect(JSON.parse(plain.body).some((r: { id: number }) => r.id === f.region.id)).toBe(true);
  });
});
