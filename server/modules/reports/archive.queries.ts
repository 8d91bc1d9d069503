/** SQL of the archive store (store.ts): finished archive rows and the school's archive jobs. */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ReportArchiveTable, ReportJobTable } from '../../db/tables/control.js';

type Q = Kysely<Database> | Transaction<Database>;

export function insertArchive(db: Q, row: Insertable<ReportArchiveTable>) {
  return db.insertInto('report_archives').values(row).returning('id').executeTakeFirstOrThrow();
}

/** The archive rows of a school, newest first, optionally of one class only. */
export function archivesOfSchool(db: Q, schoolId: number, classId?: number) {
  let query = db.selectFrom('report_archives').selectAll().where('school_id', '=', schoolId);
  if (classId !== undefined) query = query.where('class_id', '=', classId);
  return query.orderBy('id', 'desc').limit(500).execute();
}

export function findArchive(db: Q, archiveId: number) {
  return db.selectFrom('report_archives').selectAll().where('id', '=', archiveId).executeTakeFirst();
}

/** The classes a job has already archived. */
export function archivedClassesOfJob(db: Q, jobId: number) {
  return db.selectFrom('report_archives').select('class_id').where('job_id', '=', jobId).execute();
}

/** A queued or running job of the school, if any. */
export function unfinishedJobOfSchool(db: Q, schoolId: number) {
  return db.selectFrom('report_jobs').select('id').where('school_id', '=', schoolId).where('status', 'in', ['queued', 'running']).executeTakeFirst();
}

export function insertJob(db: Q, row: Insertable<ReportJobTable>) {
  return db.insertInto('report_jobs').values(row).returning('id').executeTakeFirstOrThrow();
}

/** The oldest job a worker may take: queued, or running with a heartbeat older than `staleBefore`. */
export function nextClaimableJob(db: Q, staleBefore: string) {
  return db
    .selectFrom('report_jobs')
    .selectAll()
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', staleBefore)])]))
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * Marks a job running only while it still has the status and heartbeat it was
 * read with (compare-and-set: of two workers, one changes the row).
 */
export function markJobRunning(
  db: Q,
  seen: { id: number; status: ReportJobTable['status']; heartbeat_at: string | null },
  set: { started_at: string; heartbeat_at: string },
) {
  return db
    .updateTable('report_jobs')
    .set({ status: 'running', ...set })
    .where('id', '=', seen.id)
    .where('status', '=', seen.status)
    // SQL's `=` never matches null, so a job never beaten yet is matched with `is null`.
    .where((eb) => (seen.heartbeat_at === null ? eb('heartbeat_at', 'is', null) : eb('heartbeat_at', '=', seen.heartbeat_at)))
    .executeTakeFirst();
}

/** After each class: the count done so far, and the heartbeat that keeps the job from being taken over. */
export function recordJobProgress(db: Q, jobId: number, set: { done: number; total: number; heartbeat_at: string }) {
  return db.updateTable('report_jobs').set(set).where('id', '=', jobId).execute();
}

export function markJobDone(db: Q, jobId: number, set: { done: number; total: number; finished_at: string }) {
  return db.updateTable('report_jobs').set({ status: 'done', ...set }).where('id', '=', jobId).execute();
}

export function markJobFailed(db: Q, jobId: number, set: { error: string; finished_at: string }) {
  return db.updateTable('report_jobs').set({ status: 'failed', ...set }).where('id', '=', jobId).execute();
}

/** The school's latest jobs, newest first. */
export function jobsOfSchool(db: Q, schoolId: number) {
  return db.selectFrom('report_jobs').selectAll().where('school_id', '=', schoolId).orderBy('id', 'desc').limit(20).execute();
}
