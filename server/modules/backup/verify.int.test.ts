import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupVerifiers } from '../../backup-verifiers.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree } from '../../test/factories.js';
import { logicalDump, makeBackup } from './backup.service.js';
import { encodeHeader, readHeader, type BackupManifest } from './manifest.js';
import { restoreBackup } from './restore.js';
import type { BackupVerifier } from './verifiers.js';
import { verifyBackupFile } from './verify.js';

let env: TestEnv;
let good: string;
beforeAll(async () => {
  env = await createTestEnv();
  await makeRegionTree(env.ctx);
  good = (await makeBackup(env.ctx, 'manual')).file;
});
afterAll(async () => env.close());

/** Rewrites a backup with a changed manifest and/or payload, with a correct header checksum (a forgery, not damage). */
function rewrite(target: string, change: (m: BackupManifest) => BackupManifest, payload?: Buffer): Promise<void> {
  return readHeader(good).then(({ manifest, payloadOffset }) => {
    const body = payload ?? readFileSync(good).subarray(payloadOffset);
    const next = change({ ...manifest, payloadBytes: body.length, payloadSha256: createHash('sha256').update(body).digest('hex') });
    writeFileSync(target, Buffer.concat([encodeHeader(next), body]));
  });
}

async function problemsOf(file: string, verifiers: readonly BackupVerifier[] = backupVerifiers()) {
  const report = await verifyBackupFile(env.ctx, file, verifiers);
  return { ok: report.ok, text: report.checks.flatMap((c) => c.problems.map((p) => `${c.name}: ${p}`)).join('\n') };
}

describe('backup verify', () => {
  it('passes a fresh backup: integrity, row counts against the manifest', async () => {
    const report = await verifyBackupFile(env.ctx, good, backupVerifiers());
    expect(report.checks.map((c) => [c.name, c.problems])).toEqual([
      ['file', []],
      ['integrity', []],
      ['row-counts', []],
      ['audit-chain', []],
    ]);
    expect(report.manifest?.rowCounts.schools).toBe(1);
  });

  it('catches a flipped byte anywhere in the payload', async () => {
    const bad = join(env.dataDir, 'flipped.otmbak');
    const bytes = readFileSync(good);
    const { payloadOffset } = await readHeader(good);
    bytes[payloadOffset + Math.floor((bytes.length - payloadOffset) / 2)]! ^= 0x01;
    writeFileSync(bad, bytes);
    const { ok, text } = await problemsOf(bad);
    expect(ok).toBe(false);
    expect(text).toContain('altered or damaged: its SHA-256 does not match');
  });

  it('catches a flipped byte in the manifest', async () => {
    const bad = join(env.dataDir, 'manifest-flipped.otmbak');
    const bytes = readFileSync(good);
    const at = bytes.indexOf('"rowCounts"');
    bytes[at + 3]! ^= 0x01;
    writeFileSync(bad, bytes);
    expect((await problemsOf(bad)).text).toContain('manifest has been altered');
  });

  it('refuses a truncated file', async () => {
    const bad = join(env.dataDir, 'truncated.otmbak');
    writeFileSync(bad, readFileSync(good).subarray(0, readFileSync(good).length - 10));
    expect((await problemsOf(bad)).text).toContain('the backup is truncated');
    writeFileSync(bad, readFileSync(good).subarray(0, 30));
    expect((await problemsOf(bad)).text).toContain('cut short');
  });

  it('refuses files of another program', async () => {
    const gz = join(env.dataDir, 'other.sql.gz');
    writeFileSync(gz, gzipSync('create table t (x int);'));
    expect((await problemsOf(gz)).text).toContain('not an Otmetka backup');
    if (env.ctx.db.dialect === 'sqlite') {
      const raw = join(env.dataDir, 'raw.sqlite');
      copyFileSync(env.ctx.config.database.kind === 'sqlite' ? env.ctx.config.database.file : '', raw);
      expect((await problemsOf(raw)).text).toContain('not an Otmetka backup');
      const forged = join(env.dataDir, 'forged.otmbak');
      await rewrite(forged, (m) => m, gzipSync('not a database at all'));
      expect((await problemsOf(forged)).text).toContain('does not hold an SQLite database');
    }
    expect((await problemsOf(join(env.dataDir, 'missing.otmbak'))).text).toContain('no such file');
  });

  it('refuses a backup of a newer schema, naming both versions', async () => {
    const newer = join(env.dataDir, 'newer.otmbak');
    await rewrite(newer, (m) => ({ ...m, schemaVersion: '0099_from_the_future' }));
    const { ok, text } = await problemsOf(newer);
    expect(ok).toBe(false);
    expect(text).toContain('newer schema (0099_from_the_future)');
    expect(text).toContain('upgrade Otmetka');
  });

  it('compares row counts with the manifest', async () => {
    const lying = join(env.dataDir, 'lying.otmbak');
    await rewrite(lying, (m) => ({ ...m, rowCounts: { ...m.rowCounts, schools: 7, ghosts: 1 } }));
    const { text } = await problemsOf(lying);
    expect(text).toContain('row-counts: table schools has 1 rows, the manifest says 7');
    expect(text).toContain('table ghosts is missing from the copy');
  });

  it('runs every registered verifier on the copy (the journal’s audit chain plugs in the same way)', async () => {
    const seen: string[] = [];
    const chain: BackupVerifier = {
      name: 'audit-chain',
      async verify({ db }) {
        const rows = await db.kysely.selectFrom('schools').select('name').execute();
        seen.push(...rows.map((r) => r.name));
        return ['entry 17: hash does not match'];
      },
    };
    const { ok, text } = await problemsOf(good, [...backupVerifiers(), chain]);
    expect(seen).toEqual(expect.arrayContaining([expect.stringContaining('Школа')]));
    expect(ok).toBe(false);
    expect(text).toBe('audit-chain: entry 17: hash does not match');
  });

  it('restore refuses a damaged file and leaves the live database untouched', async () => {
    const before = await logicalDump(env.ctx.db);
    const bad = join(env.dataDir, 'flipped2.otmbak');
    const bytes = readFileSync(good);
    bytes[bytes.length - 5]! ^= 0xff;
    writeFileSync(bad, bytes);
    const result = await restoreBackup(env.ctx, bad, backupVerifiers(), { dryRun: false, switchOver: true });
    expect(result.report.ok).toBe(false);
    expect(result.restoredTo).toBeNull();
    expect(await logicalDump(env.ctx.db)).toEqual(before);
  });
});
