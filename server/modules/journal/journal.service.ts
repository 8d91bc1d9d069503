/**
 * The teacher's journal (issue 5): the one entry point of the module for
 * routes, the CLI, the demo and other modules. Writes go through the
 * process's write queue (group commit, acknowledged after the commit).
 */
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertJournal, canReadJournal, canWriteJournal } from '../../policy/journal.js';
import type { LessonPatch, LockBody, WriteBody, WriteResult } from '../../../shared/contracts/journal.js';
import { verifyChains, type ChainReport } from './audit.js';
import { acknowledgeJob, controlOverview as controlOverviewOf, listCorrections as listCorrectionsOf, lockJob } from './control.js';
import { deleteFileJob, readHomeworkFile, uploadJob } from './files.js';
import { answerOf, cachedGrid, invalidateGrids } from './grid.js';
import type { KeptJson } from '../../http/json-body.js';
import * as q from './journal.queries.js';
import * as rq from './revisions.queries.js';
import * as eq from './entries.queries.js';
import * as structure from '../structure/structure.service.js';
import { lessonJob, lessonView } from './lessons.js';
import { ensureWorkTypes } from './work-types.js';
import { WriteQueue, type Job } from './write-queue.js';
import { writeJob } from './writes.js';

export { cellHistory, classOverview, teacherHome } from './views.js';
export { lessonView, ensureWorkTypes };
export type { ChainReport };
/** For bulk loaders (the demo) that write their own rows and one audit record per batch. */
export { AuditBuffer } from './audit.js';

const queues = new WeakMap<object, WriteQueue>();
function submit<T>(ctx: AppContext, job: Job<T>): Promise<T> {
  let queue = queues.get(ctx.db);
  if (!queue) queues.set(ctx.db, (queue = new WriteQueue(ctx, (touched) => invalidateGrids(ctx, touched))));
  return queue.submit(job);
}

/** The course journal for a term (the compact GridView) as kept JSON text with its gzip, cached per process. */
export async function grid(ctx: AppContext, actor: Actor, courseId: number, termId: number | undefined): Promise<KeptJson> {
  const course = await q.courseById.first(ctx.db, [courseId]);
  if (!course) throw new AppError('not_found', { field: '/params/id' });
  // Refuse before building the grid: out of scope, nothing is computed or written (the revision row).
  // Someone who substitutes on some of its lessons is decided below, from the grid's lessons.
  const place = { schoolId: course.school_id, classId: course.class_id, courseId: course.id };
  const substitute = async () =>
    canWriteJournal(actor, { ...place, lessonTeacherIds: [actor.personId] }) && (await q.givesLessonOf(ctx.db.kysely, course.id, actor.personId));
  assertJournal(canReadJournal(actor, place) || (await substitute()), '/params/id');
  const entry = await cachedGrid(ctx, course, termId);
  const target = { schoolId: entry.schoolId, classId: entry.classId, courseId: entry.courseId, lessonTeacherIds: entry.lessonTeacherIds };
  const write = canWriteJournal(actor, { ...target, lessonTeacherIds: [] }) || canWriteJournal(actor, target);
  assertJournal(write || canReadJournal(actor, target), '/params/id');
  return answerOf(entry, write);
}

/** Marks, attendance, term and year marks: all changes of one request are written together or not at all. */
export function writeChanges(ctx: AppContext, actor: Actor, body: WriteBody): Promise<WriteResult> {
  return submit(ctx, writeJob(ctx, actor, body));
}

export function updateLesson(ctx: AppContext, actor: Actor, lessonId: number, patch: LessonPatch) {
  return submit(ctx, lessonJob(ctx, actor, lessonId, patch));
}

export function uploadHomeworkFile(ctx: AppContext, actor: Actor, lessonId: number, file: { name: string; data: Buffer; truncated: boolean }) {
  return submit(ctx, uploadJob(ctx, actor, lessonId, file));
}

export function deleteHomeworkFile(ctx: AppContext, actor: Actor, fileId: number) {
  return submit(ctx, deleteFileJob(actor, fileId));
}

export { readHomeworkFile };

/**
 * Lessons made, removed, moved, cancelled or given another teacher by the
 * timetable: the grids (and pupils' diary weeks) of their courses and terms
 * are stale. Runs in the caller's transaction, so readers in any process see
 * the new revision exactly when they see the new lessons.
 */
export async function lessonsChanged(trx: q.Q, lessons: Array<{ school_id: number; course_id: number; term_id: number }>) {
  const grids = new Map<string, { schoolId: number; courseId: number; termId: number }>();
  for (const l of lessons) grids.set(`${l.course_id}:${l.term_id}`, { schoolId: l.school_id, courseId: l.course_id, termId: l.term_id });
  await rq.bumpRevisionsOf(trx, [...grids.values()]);
}

/** Kept grids see the lock through the revisions it bumps. */
export function lockTerm(ctx: AppContext, actor: Actor, schoolId: number, body: LockBody) {
  return submit(ctx, lockJob(actor, schoolId, body));
}

export const controlOverview = controlOverviewOf;
export const listCorrections = listCorrectionsOf;

export function acknowledgeCorrection(ctx: AppContext, actor: Actor, correctionId: number) {
  return submit(ctx, acknowledgeJob(actor, correctionId));
}

export async function listWorkTypes(ctx: AppContext, actor: Actor, schoolId: number) {
  assertJournal(actor.grants.some((g) => g.role === 'admin' || g.schoolId === schoolId), '/params/id');
  // An admin may name any id: a school that does not exist is a 404, not a failed seeding.
  if (!(await structure.schoolScope(ctx, schoolId))) throw new AppError('school_not_found', { field: '/params/id' });
  await ensureWorkTypes(ctx, schoolId);
  return (await q.workTypes(ctx.db.kysely, schoolId)).map((t) => ({ id: t.id, code: t.code, name: t.name, weight: t.weight }));
}

/**
 * Walks every school's audit chain (or one) and names the first broken record
 * of each: for `otmetka audit verify` and the backup module's `backup verify`.
 */
export function verifyAuditChains(ctxOrDb: AppContext | Kysely<Database>, schoolId?: number): Promise<ChainReport> {
  const db = 'db' in ctxOrDb && 'kysely' in (ctxOrDb as AppContext).db ? (ctxOrDb as AppContext).db.kysely : (ctxOrDb as Kysely<Database>);
  return verifyChains(db, schoolId);
}

/** For the timetable's regeneration: which of these lessons the journal holds rows for (marks, attendance, files, deleted ones). */
export function lessonsWithEntries(trx: Kysely<Database>, lessonIds: number[]) {
  return eq.lessonsWithEntries(trx, lessonIds);
}

/**
 * For cancelling a lesson: how many marks (not deleted) and attendance entries
 * it holds. Run it in the caller's transaction, after the caller's update of
 * the lesson, so that nothing committed before the cancel escapes the count.
 */
export function entriesOfLesson(trx: Kysely<Database>, lessonId: number) {
  return eq.entriesOfLesson(trx, lessonId);
}

/** The audit chains checked on a backup's copy (registered in server/backup-verifiers.ts). */
export const auditChainVerifier = {
  name: 'audit-chain',
  async verify({ db }: { db: { kysely: Kysely<Database> } }): Promise<string[]> {
    const report = await verifyAuditChains(db.kysely);
    return report.broken.map((b) => `school ${b.schoolId}: audit record seq ${b.seq} is broken (${b.problem})`);
  },
};
