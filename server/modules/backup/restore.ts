/**
 * Restore: always into a NEW database, checked before anything is switched.
 * SQLite: the copy is verified, kept as a new file, and (unless `--no-switch`)
 * moved into the live path while the old file is renamed beside it, never
 * deleted. PostgreSQL: pg_restore into a new database; the operator switches
 * DATABASE_URL (printed), the old database stays as it was.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AppContext } from '../../context.js';
import { BackupFormatError } from './manifest.js';
import { dropDatabase, restoreIntoNewDatabase, scratchName } from './pg-engine.js';
import type { BackupVerifier } from './verifiers.js';
import { checkFile, openCopy, runVerifiers, type VerifyReport } from './verify.js';
import { extractPayload, removeQuietly } from './files.js';
import { tmpdir } from 'node:os';

export interface RestoreResult {
  report: VerifyReport;
  /** Where the restored database is (file path or URL, with its password: print nextSteps instead); null on a dry run or a refused file. */
  restoredTo: string | null;
  /** SQLite switch-over: where the previous live file now is. */
  previousKeptAt: string | null;
  /** What the operator does next, in words. */
  nextSteps: string[];
}

/** `serve` writes this file while it runs; a switch-over refuses to move the database under a running server. */
export function pidFile(ctx: AppContext): string {
  return join(ctx.config.dataDir, 'otmetka.pid');
}

function serverRunning(ctx: AppContext): number | null {
  const file = pidFile(ctx);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function stampOf(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').toLowerCase();
}

export async function restoreBackup(
  ctx: AppContext,
  file: string,
  verifiers: readonly BackupVerifier[],
  options: { dryRun: boolean; switchOver: boolean },
): Promise<RestoreResult> {
  const stamp = stampOf(ctx.clock.now().toISOString());
  if (ctx.config.database.kind === 'postgres') return restorePg(ctx, file, verifiers, options, stamp);

  const live = ctx.config.database.file;
  let copy;
  try {
    copy = await openCopy(ctx, file, dirname(live));
  } catch (error) {
    if (!(error instanceof BackupFormatError)) throw error;
    return { report: { file, ok: false, manifest: null, checks: [{ name: 'file', problems: [error.message] }] }, restoredTo: null, previousKeptAt: null, nextSteps: [] };
  }
  const restored = copy.location;
  const report = await runVerifiers(ctx, file, copy, verifiers, { keep: !options.dryRun });
  if (!report.ok || options.dryRun) {
    return { report, restoredTo: null, previousKeptAt: null, nextSteps: report.ok ? ['the dry run passed: run the same command without --dry-run to restore'] : [] };
  }
  const target = join(dirname(live), `otmetka-restored-${stamp}.sqlite`);
  await rename(restored, target);
  if (!options.switchOver) {
    return {
      report,
      restoredTo: target,
      previousKeptAt: null,
      nextSteps: [`the restored database is ${target}`, `to use it: stop the service, set DATABASE_URL=sqlite:${target} and start it again`],
    };
  }
  const pid = serverRunning(ctx);
  if (pid) {
    return {
      report,
      restoredTo: target,
      previousKeptAt: null,
      nextSteps: [
        `the service is running (pid ${pid}): the live database was NOT switched`,
        `stop the service and run the restore again, or set DATABASE_URL=sqlite:${target}`,
      ],
    };
  }
  // The live handle of this process must let go of the file before it is renamed.
  await ctx.db.close();
  const previous = `${live}.before-restore-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${live}${suffix}`)) await rename(`${live}${suffix}`, `${previous}${suffix}`);
  await rename(target, live);
  return {
    report,
    restoredTo: live,
    previousKeptAt: previous,
    nextSteps: [`the restored database is now ${live}`, `the previous database is kept as ${previous}`, 'start the service; pending migrations are applied at start'],
  };
}

async function restorePg(
  ctx: AppContext,
  file: string,
  verifiers: readonly BackupVerifier[],
  options: { dryRun: boolean },
  stamp: string,
): Promise<RestoreResult> {
  if (ctx.config.database.kind !== 'postgres') throw new Error('unreachable');
  const liveUrl = ctx.config.database.url;
  // The verification restores into a scratch database; on success that one is kept as the restored database.
  let copy;
  try {
    copy = await openCopy(ctx, file);
  } catch (error) {
    if (!(error instanceof BackupFormatError)) throw error;
    return { report: { file, ok: false, manifest: null, checks: [{ name: 'file', problems: [error.message] }] }, restoredTo: null, previousKeptAt: null, nextSteps: [] };
  }
  const report = await runVerifiers(ctx, file, copy, verifiers, { keep: false });
  if (!report.ok || options.dryRun) {
    return { report, restoredTo: null, previousKeptAt: null, nextSteps: report.ok ? ['the dry run passed: run the same command without --dry-run to restore'] : [] };
  }
  const { payloadOffset } = await checkFile(ctx, file);
  const archive = join(tmpdir(), `otmetka-restore-${stamp}.dump`);
  const name = scratchName(liveUrl, 'restored', stamp);
  try {
    await extractPayload(file, payloadOffset, archive, false);
    await dropDatabase(liveUrl, name).catch(() => undefined);
    const url = await restoreIntoNewDatabase(liveUrl, archive, name);
    const shown = url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
    return {
      report,
      restoredTo: url,
      previousKeptAt: null,
      nextSteps: [
        `the backup was restored into the new database "${name}"; the live database is untouched`,
        `to switch: stop the service, set DATABASE_URL=${shown} (with the real password), start it again`,
        'the previous database stays as it is; drop it yourself once the restored one has been checked',
      ],
    };
  } finally {
    await removeQuietly(archive);
  }
}
