import { migrationList } from '../../db/migrations/index.js';
/**
 * The restore drill (runs in `npm test` on SQLite and in `npm run test:pg` on
 * PostgreSQL, both in .ci/run): build a demo region, back it up online, restore
 * into a new database, and compare a logical dump of both: identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupVerifiers } from '../../backup-verifiers.js';
import { generateDemoRegion } from '../../demo/generate.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { logicalDump, makeBackup } from './backup.service.js';
import { dropDatabase, databaseName, openPg } from './pg-engine.js';
import { restoreBackup } from './restore.js';
import { openSqliteFile } from './sqlite-engine.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await generateDemoRegion(env.ctx, { scale: 0.01, seed: 75, yearStart: '2026-09-01' });
});
afterAll(async () => env.close());

describe('restore drill', () => {
  it('a demo region backed up and restored into a new database is identical, row for row', async () => {
    const { ctx } = env;
    const { file, manifest } = await makeBackup(ctx, 'manual');
    expect(manifest.engine).toBe(ctx.db.dialect);
    expect(manifest.schemaVersion).toBe(Object.keys(migrationList(ctx.db.dialect)).at(-1));
    expect(manifest.rowCounts.schools).toBeGreaterThan(5);

    const result = await restoreBackup(ctx, file, backupVerifiers(), { dryRun: false, switchOver: false });
    expect(result.report.checks).toEqual(expect.arrayContaining([{ name: 'row-counts', problems: [] }]));
    expect(result.report.ok).toBe(true);
    expect(result.restoredTo).toBeTruthy();

    const restored = ctx.db.dialect === 'sqlite' ? openSqliteFile(result.restoredTo!) : openPg(result.restoredTo!);
    try {
      const [live, copy] = await Promise.all([logicalDump(ctx.db), logicalDump(restored)]);
      expect(Object.keys(copy)).toEqual(Object.keys(live));
      expect(copy.schools!.length).toBe(manifest.rowCounts.schools);
      expect(copy).toEqual(live);
    } finally {
      await restored.close();
      if (ctx.config.database.kind === 'postgres') await dropDatabase(ctx.config.database.url, databaseName(result.restoredTo!));
    }
  });

  it('a dry run restores nothing and leaves the live database as it was', async () => {
    const { ctx } = env;
    const before = await logicalDump(ctx.db);
    const { file } = await makeBackup(ctx, 'manual');
    const result = await restoreBackup(ctx, file, backupVerifiers(), { dryRun: true, switchOver: true });
    expect(result.report.ok).toBe(true);
    expect(result.restoredTo).toBeNull();
    expect(await logicalDump(ctx.db)).toEqual(before);
  });
});
