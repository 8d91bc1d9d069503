/**
 * Finished archives under DATA_DIR/archives/<school>/, each with its SHA-256,
 * and the school's archive job: queued by the deputy, run by the worker
 * (server/jobs/reports.ts) one class at a time with its progress written
 * after each class. File names are generated, never taken from input, and
 * files are found by the archive's id, so no path can be smuggled in.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ArchiveFileView, ArchiveJobView } from '../../../shared/contracts/reports.js';
import { writeClassArchive } from './archive.js';
import * as aq from './archive.queries.js';
import * as q from './reports.queries.js';

const STORAGE_NAME = /^[0-9a-f-]{36}\.pdf$/;
/** A running job whose worker has not written for this long is taken over. */
const STALE_MS = 10 * 60_000;
/** Heap growth during a job above which the finished classes' garbage is collected before the next class. */
const JOB_HEAP_SLACK = 24 * 2 ** 20;

let collect: (() => void) | null | undefined;
/**
 * A full garbage collection, for the archive job between two classes. V8
 * lets a busy heap grow to several times its live size before collecting,
 * and a whole school's classes would otherwise pile up as garbage far above
 * the server's memory budget. Null where the runtime refuses.
 */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return (collect = exposed);
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = null;
  }
  return collect;
}

export function archiveDir(ctx: AppContext, schoolId: number): string {
  return join(ctx.config.dataDir, 'archives', String(Math.trunc(schoolId)));
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => hash.update(d))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

export function toFileView(r: { id: number; job_id: number | null; class_id: number; title: string; size: number; sha256: string; created_at: string }): ArchiveFileView {
  return { id: r.id, jobId: r.job_id, classId: r.class_id, title: r.title, size: Number(r.size), sha256: r.sha256, createdAt: r.created_at };
}

export function toJobView(r: { id: number; status: ArchiveJobView['status']; total: number; done: number; error: string | null; created_at: string; finished_at: string | null }): ArchiveJobView {
  return { id: r.id, status: r.status, total: Number(r.total), done: Number(r.done), error: r.error, createdAt: r.created_at, finishedAt: r.finished_at };
}

/** Builds one class's archive into a file, hashes it, and records it. */
export async function storeClassArchive(ctx: AppContext, cls: q.ClassRow, createdBy: number, jobId: number | null): Promise<ArchiveFileView> {
  const dir = archiveDir(ctx, cls.school_id);
  mkdirSync(dir, { recursive: true });
  const name = `${randomUUID()}.pdf`;
  const partial = join(dir, `${name}.partial`);
  try {
    await writeClassArchive(ctx, cls, partial);
    const sha256 = await sha256Of(partial);
    const size = statSync(partial).size;
    renameSync(partial, join(dir, name));
    const row = {
      school_id: cls.school_id, job_id: jobId, class_id: cls.id, academic_year_id: cls.academic_year_id, title: `Классный журнал ${cls.name}, ${cls.year_name}`,
      storage_name: name, size, sha256, created_by: createdBy, created_at: ctx.clock.now().toISOString(),
    };
    const { id } = await aq.insertArchive(ctx.db.kysely, row);
    return toFileView({ id, ...row });
  } finally {
    rmSync(partial, { force: true });
  }
}

export async function queueSchoolArchive(ctx: AppContext, schoolId: number, yearId: number, requestedBy: number): Promise<ArchiveJobView> {
  const db = ctx.db.kysely;
  return db.transaction().execute(async (trx) => {
    const busy = await aq.unfinishedJobOfSchool(trx, schoolId);
    if (busy) throw new AppError('archive_job_running', { field: '/params/id', extra: { jobId: busy.id } });
    const classes = await q.classesOfYear(trx, schoolId, yearId);
    const row = {
      school_id: schoolId, kind: 'school_archive' as const, academic_year_id: yearId, status: 'queued' as const, total: classes.length, done: 0, error: null,
      requested_by: requestedBy, created_at: ctx.clock.now().toISOString(), started_at: null, finished_at: null, heartbeat_at: null,
    };
    const { id } = await aq.insertJob(trx, row);
    return toJobView({ id, ...row });
  });
}

/** Claims the oldest queued job (or a stale running one); null when there is none or another worker won it. */
async function claim(ctx: AppContext) {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const stale = new Date(now.getTime() - STALE_MS).toISOString();
  const job = await aq.nextClaimableJob(db, stale);
  if (!job) return null;
  const result = await aq.markJobRunning(db, job, { started_at: job.started_at ?? now.toISOString(), heartbeat_at: now.toISOString() });
  return Number(result.numUpdatedRows) === 1 ? job : null;
}

/** Runs one pending job to its end, class by class; false when there was nothing to do. */
export async function runNextJob(ctx: AppContext): Promise<boolean> {
  const job = await claim(ctx);
  if (!job) return false;
  const db = ctx.db.kysely;
  try {
    const classes = await q.classesOfYear(db, job.school_id, job.academic_year_id);
    // A taken-over job resumes after the classes already archived by it.
    const doneIds = new Set((await aq.archivedClassesOfJob(db, job.id)).map((r) => r.class_id));
    let done = doneIds.size;
    const gc = collector();
    gc?.();
    const heapAtStart = process.memoryUsage().heapUsed;
    for (const c of classes) {
      if (doneIds.has(c.id)) continue;
      const cls = (await q.findClass(db, c.id))!;
      await storeClassArchive(ctx, cls, job.requested_by, job.id);
      // Nothing of a finished class is referenced any more: release it before the next one.
      if (gc && process.memoryUsage().heapUsed > heapAtStart + JOB_HEAP_SLACK) gc();
      done++;
      await aq.recordJobProgress(db, job.id, { done, total: classes.length, heartbeat_at: ctx.clock.now().toISOString() });
    }
    await aq.markJobDone(db, job.id, { done, total: classes.length, finished_at: ctx.clock.now().toISOString() });
  } catch (error) {
    ctx.logger.error({ err: error, jobId: job.id }, 'archive job failed');
    await aq.markJobFailed(db, job.id, { error: (error as Error).message.slice(0, 500), finished_at: ctx.clock.now().toISOString() });
  }
  return true;
}

export async function listJobs(ctx: AppContext, schoolId: number): Promise<ArchiveJobView[]> {
  const rows = await aq.jobsOfSchool(ctx.db.kysely, schoolId);
  return rows.map(toJobView);
}

export async function listArchives(ctx: AppContext, schoolId: number, classId?: number): Promise<ArchiveFileView[]> {
  return (await aq.archivesOfSchool(ctx.db.kysely, schoolId, classId)).map(toFileView);
}

export function findArchive(ctx: AppContext, archiveId: number) {
  return aq.findArchive(ctx.db.kysely, archiveId);
}

/** The stored file of an archive row; only generated names are ever opened. */
export function archivePath(ctx: AppContext, row: { school_id: number; storage_name: string }): string {
  if (!STORAGE_NAME.test(row.storage_name)) throw new AppError('not_found', { field: '/params/id' });
  return join(archiveDir(ctx, row.school_id), row.storage_name);
}
