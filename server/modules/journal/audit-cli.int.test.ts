import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { journalFixture } from './journal-fixture.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const ROOT = join(import.meta.dirname, '..', '..', '..');
function cli(...args: string[]) {
  const db = env.ctx.config.database;
  const url = db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url;
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'server', 'cli', 'main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: env.dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO: 'false' },
    encoding: 'utf8',
  });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('otmetka audit verify', () => {
  it('passes on an intact log and names the first broken record after tampering', { timeout: 120_000 }, async () => {
    const f = await journalFixture(env.ctx);
    for (const value of ['5', '4', '3']) {
      await call(env.app, 'POST', '/api/journal/changes', { cookie: f.teacher.cookie, body: { changes: [{ kind: 'mark', lessonId: f.lessonIds[0], studentId: f.studentIds[0], value }] } });
    }
    const ok = cli('audit', 'verify');
    expect(ok.out).toContain('every chain verifies');
    expect(ok.status).toBe(0);
    const row = await env.ctx.db.kysely.selectFrom('audit_log').select('id').where('school_id', '=', f.schoolId).where('seq', '=', 2).executeTakeFirstOrThrow();
    await env.ctx.db.kysely.updateTable('audit_log').set({ reason: 'подделка' }).where('id', '=', row.id).execute();
    const broken = cli('audit', 'verify', '--school', String(f.schoolId));
    expect(broken.status).toBe(3);
    expect(broken.out).toContain(`BROKEN school ${f.schoolId}: first broken record seq 2 (id ${row.id})`);
  });
});
