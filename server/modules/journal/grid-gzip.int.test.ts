/**
 * The grid is answered gzipped to clients that accept it (every browser), from
 * the kept grid: the same JSON as uncompressed, per reader (canWrite), and a
 * change is in the next answer, compressed or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, getGzippedJson, type TestEnv } from '../../test/harness.js';
import { journalFixture } from './journal-fixture.js';

let env: TestEnv;
let f: Awaited<ReturnType<typeof journalFixture>>;
beforeAll(async () => {
  env = await createTestEnv();
  f = await journalFixture(env.ctx);
});
afterAll(async () => env.close());

const url = () => `/api/journal/courses/${f.courseId}?termId=${f.termId}`;
const gzipped = (cookie: string) => getGzippedJson(env.app, url(), cookie);

describe('the grid over gzip', () => {
  it('is the same JSON as without, for a writer and for a reader', async () => {
    const plain = await call(env.app, 'GET', url(), { cookie: f.teacher.cookie });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(await gzipped(f.teacher.cookie)).toEqual(plain.body);
    expect(plain.body.canWrite).toBe(true);
    const deputy = await gzipped(f.deputy.cookie);
    expect(deputy.canWrite).toBe(false);
    expect({ ...deputy, canWrite: true }).toEqual(plain.body);
  });

  it('carries a mark written after it was kept', async () => {
    expect(JSON.stringify(await gzipped(f.teacher.cookie))).not.toContain('"5"');
    const write = await call(env.app, 'POST', '/api/journal/changes', {
      cookie: f.teacher.cookie,
      body: { changes: [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value: '5' }] },
    });
    expect(write.status).toBe(200);
    expect(JSON.stringify(await gzipped(f.teacher.cookie))).toContain('"5"');
  });
});
