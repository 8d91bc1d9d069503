import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, call, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { listBackups, makeBackup, runScheduledBackup, settle } from './backup.service.js';
import { systemActor } from '../../policy/actor.js';
import { rmSync } from 'node:fs';

let env: TestEnv;
let admin: string;
let schoolAdmin: string;
beforeAll(async () => {
  env = await createTestEnv();
  const tree = await makeRegionTree(env.ctx);
  admin = (await signedIn(env.ctx, 'admin')).cookie;
  schoolAdmin = (await signedIn(env.ctx, 'school_admin', { schoolId: tree.school.id })).cookie;
});
afterAll(async () => env.close());

// Each run verifies its copy in a child process (a cold start of the CLI): give it time on a busy machine.
describe('admin backups API', { timeout: 180_000 }, () => {
  it('backs up now in the background, shows progress, lists the copy as verified, and streams it', async () => {
    expect((await call(env.app, 'GET', '/api/admin/backups', { cookie: admin })).body).toEqual([]);
    const started = await call(env.app, 'POST', '/api/admin/backups', { cookie: admin });
    expect(started.status).toBe(202);
    expect(started.body.state).toBe('running');
    await settle(env.ctx);
    const status = await call(env.app, 'GET', '/api/admin/backups/status', { cookie: admin });
    expect(status.body).toMatchObject({ state: 'done', progress: 1, error: null });

    const list = await call(env.app, 'GET', '/api/admin/backups', { cookie: admin });
    expect(list.body).toHaveLength(1);
    const [b] = list.body;
    expect(b).toMatchObject({ name: status.body.name, createdAt: '2026-10-14T03:00:00.000Z', reason: 'manual', engine: env.ctx.db.dialect });
    expect(b.verified).toMatchObject({ ok: true, problems: [] });
    expect(b.sizeBytes).toBeGreaterThan(100);
    expect(b.rows).toBeGreaterThan(3);

    const download = await call(env.app, 'GET', `/api/admin/backups/${b.name}/download`, { cookie: admin });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${b.name}"`);
    expect(download.raw.rawPayload.equals(readFileSync(join(env.ctx.config.backupDir, b.name)))).toBe(true);
  });

  it('refuses a second backup while one runs', async () => {
    const first = await call(env.app, 'POST', '/api/admin/backups', { cookie: admin });
    const second = await call(env.app, 'POST', '/api/admin/backups', { cookie: admin });
    await settle(env.ctx);
    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('backup_in_progress');
  });

  it('refuses path traversal and names outside the backup folder', async () => {
    for (const name of ['..%2F..%2Fetc%2Fpasswd', '..%2Fsession-secret', 'session-secret', '.work-x.otmbak', '%2Fetc%2Fpasswd', 'nothing.otmbak']) {
      const res = await call(env.app, 'GET', `/api/admin/backups/${name}/download`, { cookie: admin });
      expect(res.status, name).toBe(404);
      expect(res.body.code).toMatch(/backup_not_found|route_not_found/);
    }
  });

  it('is for the installation admin only', async () => {
    expect((await call(env.app, 'GET', '/api/admin/backups', { cookie: schoolAdmin })).status).toBe(403);
    expect((await call(env.app, 'POST', '/api/admin/backups', { cookie: schoolAdmin })).status).toBe(403);
    expect((await call(env.app, 'GET', '/api/admin/backups')).status).toBe(401);
  });

  it('the nightly run backs up, verifies the copy and rotates out what retention no longer keeps', async () => {
    rmSync(env.ctx.config.backupDir, { recursive: true, force: true });
    const made: Record<string, string> = {};
    for (const at of ['2020-01-01T17:00:00.000Z', '2026-01-01T17:00:00.000Z', '2026-05-10T17:00:00.000Z', '2026-05-20T17:00:00.000Z', '2026-10-10T17:00:00.000Z']) {
      env.clock.set(at);
      made[at.slice(0, 10)] = (await makeBackup(env.ctx, 'scheduled')).file;
    }
    env.clock.set('2026-10-14T17:00:00.000Z'); // 02:00 in Chita, the default BACKUP_HOUR
    const result = await runScheduledBackup(env.ctx);
    expect(result.ok).toBe(true);
    const left = await listBackups(env.ctx, systemActor);
    // 2020: beyond 5 years; 20 May: neither the oldest of its month nor inside the daily or weekly windows.
    expect(left.map((b) => b.createdAt.slice(0, 10))).toEqual(['2026-10-14', '2026-10-10', '2026-05-10', '2026-01-01']);
    expect(left[0]!.verified).toMatchObject({ ok: true });
    expect(left[0]!.reason).toBe('scheduled');
    env.clock.set('2026-10-14T03:00:00.000Z');
  });
});
