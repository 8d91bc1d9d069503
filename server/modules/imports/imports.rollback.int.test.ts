import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { count, schoolForImports, streamed, STUDENT_HEADER, upload } from './imports.test-support.js';

// Make the last bulk insert of a students import (the grants) fail, after persons, enrolments and memberships were written.
vi.mock('./imports.queries.js', async (original) => {
  const actual = await original<typeof import('./imports.queries.js')>();
  return {
    ...actual,
    insertMany: async (db: never, trx: never, table: string, rows: never[]) => {
      if (table === 'grants' && (globalThis as { failGrants?: boolean }).failGrants) throw new Error('disk full (simulated)');
      return actual.insertMany(db, trx, table as never, rows);
    },
  };
});

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

describe('imports: all or nothing', () => {
  it('a failure in the middle of the run leaves nothing behind and the stream says so', async () => {
    const s = await schoolForImports(env.ctx);
    const before = { persons: await count(env.ctx, 'persons'), enrolments: await count(env.ctx, 'enrolments'), members: await count(env.ctx, 'class_members'), accounts: await count(env.ctx, 'accounts') };
    (globalThis as { failGrants?: boolean }).failGrants = true;
    const csv = [STUDENT_HEADER, 'R-1;Иванов;Пётр;;12.03.2015;5А;Иванова;Мария;;мать;;;;;;;;'].join('\n');
    const res = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'p.csv', csv);
    expect(res.status).toBe(200);
    expect(streamed(res.text).last).toEqual({ type: 'failed', code: 'internal_error' });
    expect(await count(env.ctx, 'persons')).toBe(before.persons);
    expect(await count(env.ctx, 'enrolments')).toBe(before.enrolments);
    expect(await count(env.ctx, 'class_members')).toBe(before.members);
    expect(await count(env.ctx, 'accounts')).toBe(before.accounts);

    (globalThis as { failGrants?: boolean }).failGrants = false;
    const ok = await upload(env.app, `${s.base}/imports/students/run`, s.admin.cookie, 'p.csv', csv);
    expect(streamed(ok.text).last).toMatchObject({ type: 'done', result: { created: 1 } });
    expect(await count(env.ctx, 'persons')).toBe(before.persons + 2);
  });
});
