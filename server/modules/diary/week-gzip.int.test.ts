/**
 * The diary week is answered gzipped to clients that accept it (every
 * browser): the pupil's days kept compressed, each viewer's head appended per
 * request. The same JSON as uncompressed, per viewer, and a new mark is in
 * the next answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, getGzippedJson, type TestEnv } from '../../test/harness.js';
import { signedIn } from '../../test/factories.js';
import { diaryFixture } from './diary-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof diaryFixture>>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await diaryFixture(env.ctx);
});
afterAll(async () => env.close());

const url = () => `/api/diary/students/${f.childA}/week?week=2026-10-05`;
const gzipped = (cookie: string) => getGzippedJson(env.app, url(), cookie);

describe('the diary week over gzip', () => {
  it('is the same JSON as without, for the guardian, and another viewer gets the same kept days', async () => {
    const plain = await call(env.app, 'GET', url(), { cookie: f.guardian.cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const guardian = await gzipped(f.guardian.cookie);
    expect(guardian).toEqual(plain.body);
    expect(guardian.days).toHaveLength(6);
    expect(guardian.canConfirm).toBe(true);
    // An admin reads the same kept days with a head of their own.
    const admin = await gzipped((await signedIn(env.ctx, 'admin')).cookie);
    expect(admin.days).toEqual(guardian.days);
    expect(admin.canConfirm).toBe(false);
  });

  it('carries a mark written after the days were kept', async () => {
    const before = await gzipped(f.guardian.cookie);
    expect(JSON.stringify(before.days)).not.toContain('"value":"3"');
    const write = await call(env.app, 'POST', '/api/journal/changes', {
      cookie: f.a.teacher.cookie,
      body: { changes: [{ kind: 'mark', lessonId: f.a.lessonIds[1], studentId: f.childA, value: '3' }] },
    });
    expect(write.status).toBe(200);
    expect(JSON.stringify((await gzipped(f.guardian.cookie)).days)).toContain('"value":"3"');
  });
});
