/**
 * Backups of the whole installation: made online, verified on a copy, rotated.
 * The catalogue is the backup folder itself (each file carries its manifest,
 * a `.verified.json` beside it records the last verification), so it survives
 * the loss of the database it describes: no table, no migration.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, type ReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertCan } from '../../policy/policy.js';
import type { BackupRunView, BackupView } from '../../../shared/contracts/backup.js';
import { allRows, listTables } from './backup.queries.js';
import { fileSize, filesIn, removeQuietly, writeBackupFile } from './files.js';
import { BACKUP_EXTENSION, readHeader, type BackupManifest } from './manifest.js';
import { pgSnapshot } from './pg-engine.js';
import { backupsToKeep } from './rotation.js';
import { sqliteSnapshot, type Progress } from './sqlite-engine.js';
import type { BackupVerifier } from './verifiers.js';
import { verifyInChildProcess, type RecordedVerification } from './verify-child.js';
import { verifyBackupFile, type VerifyReport } from './verify.js';

const VERIFIED_SUFFIX = '.verified.json';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface Run {
  view: BackupRunView;
  promise: Promise<void> | null;
}
/** One backup at a time per process; the state is what the admin's progress bar polls. */
const runs = new WeakMap<AppContext, Run>();

function runOf(ctx: AppContext): Run {
  let run = runs.get(ctx);
  if (!run) runs.set(ctx, (run = { view: { state: 'idle', phase: null, progress: 0, startedAt: null, name: null, error: null }, promise: null }));
  return run;
}

function fileName(createdAt: string, reason: BackupManifest['reason'], dir: string): string {
  const stamp = createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let n = 1; ; n++) {
    const name = `otmetka-${stamp}${reason === 'manual' ? '-manual' : ''}${n > 1 ? `-${n}` : ''}${BACKUP_EXTENSION}`;
    if (!existsSync(join(dir, name)) && !existsSync(join(dir, `${name}.partial`))) return name;
  }
}

/** Makes one backup file in the backup folder. The live database keeps serving throughout. */
export async function makeBackup(ctx: AppContext, reason: BackupManifest['reason'], progress: Progress = () => {}): Promise<{ file: string; manifest: BackupManifest }> {
  const dir = ctx.config.backupDir;
  mkdirSync(dir, { recursive: true });
  const createdAt = ctx.clock.now().toISOString();
  const name = fileName(createdAt, reason, dir);
  const work = join(dir, `.work-${name}.sqlite`);
  const payload = join(dir, `.work-${name}.payload`);
  try {
    const manifest =
      ctx.config.database.kind === 'sqlite'
        ? await sqliteSnapshot(ctx, work, payload, { createdAt, reason }, progress)
        : (progress('copying', 0), await pgSnapshot(ctx.config.database.url, payload, { createdAt, reason }));
    const file = join(dir, name);
    await writeBackupFile(file, manifest, payload);
    ctx.logger.info({ file, bytes: manifest.payloadBytes, reason }, 'backup made');
    return { file, manifest };
  } finally {
    await removeQuietly(work, payload, `${work}-wal`, `${work}-shm`);
  }
}

/** Verifies a backup file and records the outcome beside it (the admin's list shows it). */
export async function verifyAndRecord(ctx: AppContext, file: string, verifiers: readonly BackupVerifier[]): Promise<VerifyReport> {
  const report = await verifyBackupFile(ctx, file, verifiers, ctx.config.backupDir);
  const problems = report.checks.flatMap((c) => c.problems.map((p) => `${c.name}: ${p}`));
  await writeFile(`${file}${VERIFIED_SUFFIX}`, JSON.stringify({ at: ctx.clock.now().toISOString(), ok: report.ok, problems }, null, 2));
  if (!report.ok) ctx.logger.error({ file, problems }, 'backup verification FAILED');
  return report;
}

/** Deletes the backups the retention settings no longer keep. */
export async function rotate(ctx: AppContext): Promise<string[]> {
  const items: Array<{ name: string; createdAt: string; file: string }> = [];
  for (const file of filesIn(ctx.config.backupDir, BACKUP_EXTENSION)) {
    try {
      items.push({ name: basename(file), createdAt: (await readHeader(file)).manifest.createdAt, file });
    } catch {
      // An unreadable file is left for the admin to look at, never deleted by rotation.
    }
  }
  const keep = backupsToKeep(items, ctx.clock.now(), ctx.config.timeZone, ctx.config.backupRetention);
  const removed = items.filter((i) => !keep.has(i.name));
  for (const item of removed) await removeQuietly(item.file, `${item.file}${VERIFIED_SUFFIX}`);
  if (removed.length) ctx.logger.info({ removed: removed.map((r) => r.name) }, 'old backups rotated out');
  return removed.map((r) => r.name);
}

/** The nightly job: back up, verify the copy (in a process apart), rotate. */
export async function runScheduledBackup(ctx: AppContext): Promise<RecordedVerification & { file: string }> {
  const result = await runExclusive(ctx, 'scheduled');
  await rotate(ctx);
  return result;
}

/**
 * One run at a time: make the copy, then verify it in a separate process so
 * the live service keeps answering while the copy is read end to end.
 */
async function runExclusive(ctx: AppContext, reason: BackupManifest['reason']): Promise<RecordedVerification & { file: string }> {
  const run = runOf(ctx);
  if (run.view.state === 'running') throw new AppError('backup_in_progress');
  run.view = { state: 'running', phase: 'copying', progress: 0, startedAt: ctx.clock.now().toISOString(), name: null, error: null };
  const weights = { copying: [0, 0.6], compressing: [0.6, 0.8], verifying: [0.8, 1] } as const;
  const progress: Progress = (phase, fraction) => {
    const [from, to] = weights[phase];
    run.view = { ...run.view, phase, progress: from + (to - from) * Math.min(1, Math.max(0, fraction)) };
  };
  try {
    const { file } = await makeBackup(ctx, reason, progress);
    run.view = { ...run.view, name: basename(file) };
    progress('verifying', 0);
    const verified = await verifyInChildProcess(ctx.config, file);
    if (!verified.ok) ctx.logger.error({ file, problems: verified.problems }, 'backup verification FAILED');
    run.view = { ...run.view, state: verified.ok ? 'done' : 'failed', phase: null, progress: 1, error: verified.ok ? null : verified.problems.join('; ') };
    return { ...verified, file };
  } catch (error) {
    ctx.logger.error({ err: error }, 'backup failed');
    run.view = { ...run.view, state: 'failed', phase: null, error: (error as Error).message };
    throw error;
  }
}

export async function listBackups(ctx: AppContext, actor: Actor): Promise<BackupView[]> {
  assertCan(actor, 'backup.manage', {});
  const views: BackupView[] = [];
  for (const file of filesIn(ctx.config.backupDir, BACKUP_EXTENSION)) {
    let manifest: BackupManifest;
    try {
      manifest = (await readHeader(file)).manifest;
    } catch {
      continue;
    }
    const sidecar = `${file}${VERIFIED_SUFFIX}`;
    views.push({
      name: basename(file),
      createdAt: manifest.createdAt,
      reason: manifest.reason,
      engine: manifest.engine,
      sizeBytes: await fileSize(file),
      schemaVersion: manifest.schemaVersion,
      rows: Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0),
      verified: readVerified(sidecar),
    });
  }
  return views.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

function readVerified(sidecar: string): BackupView['verified'] {
  if (!existsSync(sidecar)) return null;
  try {
    return JSON.parse(readFileSync(sidecar, 'utf8')) as BackupView['verified'];
  } catch {
    // A damaged record is not a verification.
    return null;
  }
}

/** Starts a backup in the background and answers at once; the page polls backupStatus. */
export function startBackupNow(ctx: AppContext, actor: Actor): BackupRunView {
  assertCan(actor, 'backup.manage', {});
  const run = runOf(ctx);
  if (run.view.state === 'running') throw new AppError('backup_in_progress');
  run.promise = runExclusive(ctx, 'manual').then(
    () => undefined,
    () => undefined,
  );
  return run.view;
}

export function backupStatus(ctx: AppContext, actor: Actor): BackupRunView {
  assertCan(actor, 'backup.manage', {});
  return runOf(ctx).view;
}

/** For tests and the CLI: waits for a background run to finish. */
export async function settle(ctx: AppContext): Promise<void> {
  await runOf(ctx).promise;
}

/** A backup file to stream to the admin; names are checked so nothing outside the backup folder can be read. */
export async function openDownload(ctx: AppContext, actor: Actor, name: string): Promise<{ name: string; size: number; stream: ReadStream }> {
  assertCan(actor, 'backup.manage', {});
  const dir = resolve(ctx.config.backupDir);
  const file = resolve(dir, name);
  if (!NAME.test(name) || !name.endsWith(BACKUP_EXTENSION) || !file.startsWith(dir + sep) || !existsSync(file)) {
    throw new AppError('backup_not_found', { field: '/params/name' });
  }
  return { name, size: await fileSize(file), stream: createReadStream(file) };
}

/**
 * Every row of every table, in a stable order: two databases holding the same
 * data give equal dumps (the restore drill). `exclude` leaves out tables whose
 * rows may legitimately change between the two reads (the attack tests leave
 * out session bookkeeping and the security log, which refused requests write).
 */
export async function logicalDump(
  db: import('../../db/dialect.js').Db,
  options: { exclude?: readonly string[] } = {},
): Promise<Record<string, Record<string, unknown>[]>> {
  const exclude = new Set(options.exclude ?? []);
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const table of await listTables(db)) if (!exclude.has(table)) dump[table] = await allRows(db, table);
  return dump;
}
