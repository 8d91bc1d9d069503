/** Term locks and the deputy's list of corrections (order, 6.3–6.4). */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertJournal, canControlJournal } from '../../policy/journal.js';
import type { ControlView, CorrectionPage, CorrectionsQuery, CorrectionView, LockBody, LockView } from '../../../shared/contracts/journal.js';
import { pageWindow } from '../../../shared/contracts/paging.js';
import * as corrections from './corrections.queries.js';
import * as q from './journal.queries.js';
import * as rq from './revisions.queries.js';
import * as locks from './locks.queries.js';
import type { BatchScope } from './write-queue.js';

export function lockJob(actor: Actor, schoolId: number, body: LockBody) {
  return async (scope: BatchScope): Promise<LockView> => {
    const db = scope.trx;
    assertJournal(canControlJournal(actor, schoolId), '/params/id');
    const term = await q.findTerm(db, body.termId);
    if (!term || term.school_id !== schoolId) throw new AppError('not_found', { field: '/body/termId' });
    let classId: number | null = null;
    let courseId: number | null = null;
    if (body.scope === 'course') {
      if (!body.courseId) throw new AppError('validation_failed', { field: '/body/courseId', detail: 'a course lock needs courseId' });
      const course = await q.findCourse(db, body.courseId);
      if (!course || course.school_id !== schoolId) throw new AppError('not_found', { field: '/body/courseId' });
      courseId = course.id;
      classId = course.class_id;
    } else if (body.scope === 'class') {
      if (!body.classId) throw new AppError('validation_failed', { field: '/body/classId', detail: 'a class lock needs classId' });
      const cls = await locks.classOfSchool(db, body.classId);
      if (!cls || cls.school_id !== schoolId) throw new AppError('not_found', { field: '/body/classId' });
      classId = cls.id;
    }
    const already = courseId
      ? await q.isLocked(scope.db, schoolId, term.id, classId!, courseId, db)
      : await locks.schoolOrClassLock(db, schoolId, term.id, classId);
    if (already) throw new AppError('term_already_locked', { field: '/body/termId' });
    const id = await locks.insertLock(db, {
      school_id: schoolId, term_id: term.id, scope: body.scope, class_id: body.scope === 'course' ? null : classId, course_id: courseId, locked_by: actor.personId, locked_at: scope.now,
    });
    // Writes later in this batch must see the lock (the batch memoises lock lookups).
    scope.memo.clear();
    await scope.audit.append({
      schoolId, actorPersonId: actor.personId, entity: 'term_lock', entityKey: `T${term.id}:${body.scope}:${courseId ?? classId ?? 'school'}`, action: 'create', old: null,
      new: { termId: term.id, scope: body.scope, classId, courseId },
    });
    await rq.bumpRevisionsOfTerm(db, schoolId, term.id, body.scope === 'course' ? { courseId: courseId! } : body.scope === 'class' ? { classId: classId! } : {});
    return { id, termId: term.id, term: term.name, scope: body.scope, classId: body.scope === 'course' ? null : classId, courseId, lockedAt: scope.now };
  };
}

/** The deputy's control page: the school's terms and classes of the current year, and the locks. */
export async function controlOverview(ctx: AppContext, actor: Actor, schoolId: number): Promise<ControlView> {
  const lockViews = await listLocks(ctx, actor, schoolId);
  const year = await locks.currentYearOfSchool(ctx.db.kysely, schoolId);
  if (!year) return { terms: [], classes: [], locks: lockViews };
  return { terms: year.terms.map((t) => ({ id: t.id, name: t.name, startsOn: t.starts_on, endsOn: t.ends_on })), classes: year.classes, locks: lockViews };
}

export async function listLocks(ctx: AppContext, actor: Actor, schoolId: number): Promise<LockView[]> {
  assertJournal(canControlJournal(actor, schoolId), '/params/id');
  const rows = await locks.locksOfSchool(ctx.db.kysely, schoolId);
  return rows.map((r) => ({ id: r.id, termId: r.term_id, term: r.name, scope: r.scope, classId: r.class_id, courseId: r.course_id, lockedAt: r.locked_at }));
}

/** A page of the school's corrections, newest first (a large school's list grows over the years). */
export async function listCorrections(ctx: AppContext, actor: Actor, schoolId: number, query: CorrectionsQuery = {}): Promise<CorrectionPage> {
  assertJournal(canControlJournal(actor, schoolId), '/params/id');
  const window = pageWindow(query);
  const { rows, total } = await corrections.pageCorrections(ctx.db.kysely, { schoolId, all: query.all === true, limit: window.limit, offset: window.offset });
  const items: CorrectionView[] = rows.map((r) => ({
    id: r.id, termId: r.term_id, courseId: r.course_id, course: `${r.class_name} ${r.subject}`, entity: r.entity, student: r.ps ? `${r.ps} ${r.pn}` : null,
    lessonDate: r.date ?? null, oldValue: r.old_value, newValue: r.new_value, reason: r.reason, madeBy: `${r.ms} ${r.mn} ${r.mp}`.trim(), madeAt: r.made_at, acknowledgedAt: r.acknowledged_at,
  }));
  return { total, page: window.page, pageSize: window.pageSize, items };
}

export function acknowledgeJob(actor: Actor, correctionId: number) {
  return async (scope: BatchScope): Promise<{ id: number; acknowledgedAt: string }> => {
    const db = scope.trx;
    const row = await corrections.findCorrection(db, correctionId);
    if (!row) throw new AppError('not_found', { field: '/params/id' });
    assertJournal(canControlJournal(actor, row.school_id), '/params/id');
    if (row.acknowledged_at) return { id: row.id, acknowledgedAt: row.acknowledged_at };
    await corrections.acknowledgeCorrection(db, row.id, actor.personId, scope.now);
    await scope.audit.append({ schoolId: row.school_id, actorPersonId: actor.personId, entity: 'correction', entityKey: `seq${row.audit_seq}`, action: 'update', old: null, new: { acknowledged: true } });
    return { id: row.id, acknowledgedAt: scope.now };
  };
}
