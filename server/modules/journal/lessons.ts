/** The lesson panel: topic, homework, work type, control flag (audited, lock-aware, versioned). */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertJournal, canReadJournal, canWriteJournal } from '../../policy/journal.js';
import type { LessonPatch, LessonView } from '../../../shared/contracts/journal.js';
import * as fq from './files.queries.js';
import * as q from './journal.queries.js';
import type { BatchScope } from './write-queue.js';

export async function loadLesson(ctx: AppContext, lessonId: number) {
  const lesson = (await q.findLessons(ctx.db.kysely, [lessonId]))[0];
  if (!lesson) throw new AppError('not_found', { field: '/params/id' });
  return lesson;
}

/**
 * A cancelled lesson takes nothing: the grid and the diary leave it out, so a
 * mark, an absence, a topic or a file written to it would be kept where no
 * one sees it (a teacher's offline edit sent after the deputy cancelled it).
 */
export function assertHeld(lesson: { status: string }, field: string): void {
  if (lesson.status === 'cancelled') throw new AppError('lesson_cancelled', { field });
}

export const lessonTarget = (l: q.LessonRow) => ({ schoolId: l.school_id, classId: l.class_id, courseId: l.course_id, lessonTeacherIds: [l.teacher_person_id] });

export async function lessonView(ctx: AppContext, actor: Actor, lessonId: number): Promise<LessonView> {
  const lesson = await loadLesson(ctx, lessonId);
  assertJournal(canReadJournal(actor, lessonTarget(lesson)), '/params/id');
  return toView(ctx.db.kysely, lesson);
}

async function toView(db: q.Q, l: Pick<q.LessonRow, 'id' | 'date' | 'number' | 'topic' | 'homework' | 'work_type_id' | 'is_control' | 'version'>): Promise<LessonView> {
  const files = await fq.filesOfLesson(db, l.id);
  return { id: l.id, date: l.date, number: l.number, topic: l.topic, homework: l.homework, workTypeId: l.work_type_id, isControl: l.is_control === 1, version: l.version, files };
}

export function lessonJob(ctx: AppContext, actor: Actor, lessonId: number, patch: LessonPatch) {
  return async (scope: BatchScope): Promise<LessonView> => {
    const db = scope.trx;
    const lesson = (await q.findLessons(db, [lessonId]))[0];
    if (!lesson) throw new AppError('not_found', { field: '/params/id' });
    assertJournal(canWriteJournal(actor, lessonTarget(lesson)), '/params/id');
    assertHeld(lesson, '/params/id');
    if (lesson.version !== patch.version) {
      throw new AppError('version_conflict', { field: '/body/version', extra: { current: await toView(db, lesson) } });
    }
    if (patch.workTypeId != null) {
      const types = await q.workTypes(db, lesson.school_id);
      if (!types.some((t) => t.id === patch.workTypeId)) throw new AppError('not_found', { field: '/body/workTypeId' });
    }
    const locked = await q.isLocked(ctx.db, lesson.school_id, lesson.term_id, lesson.class_id, lesson.course_id, db);
    const next = {
      topic: patch.topic !== undefined ? patch.topic.trim() : lesson.topic,
      homework: patch.homework !== undefined ? patch.homework.trim() : lesson.homework,
      work_type_id: patch.workTypeId !== undefined ? patch.workTypeId : lesson.work_type_id,
      is_control: patch.isControl !== undefined ? (patch.isControl ? 1 : 0) : lesson.is_control,
    };
    const old = { topic: lesson.topic, homework: lesson.homework, workTypeId: lesson.work_type_id, isControl: lesson.is_control };
    const neu = { topic: next.topic, homework: next.homework, workTypeId: next.work_type_id, isControl: next.is_control };
    const changed = JSON.stringify(old) !== JSON.stringify(neu);
    if (!changed) return toView(db, lesson);
    if (locked && !patch.reason) throw new AppError('reason_required', { field: '/body/reason', detail: 'the term is locked' });
    const version = lesson.version + 1;
    const ok = await q.updateLesson(db, lesson.id, lesson.version, {
      ...next,
      version,
      topic_entered_at: next.topic && next.topic !== lesson.topic ? (lesson.topic_entered_at ?? scope.now) : next.topic ? lesson.topic_entered_at : null,
      homework_entered_at: next.homework && next.homework !== lesson.homework ? (lesson.homework_entered_at ?? scope.now) : next.homework ? lesson.homework_entered_at : null,
    });
    if (!ok) throw new AppError('version_conflict', { field: '/body/version' });
    // Marks later in this batch take the lesson's new work type (the batch memoises lesson contexts).
    scope.memo.clear();
    const seq = await scope.audit.append({ schoolId: lesson.school_id, actorPersonId: actor.personId, entity: 'lesson', entityKey: `L${lesson.id}`, action: 'update', old, new: neu, reason: patch.reason });
    if (locked) {
      await q.insertCorrection(db, {
        school_id: lesson.school_id, term_id: lesson.term_id, course_id: lesson.course_id, audit_seq: seq, entity: 'lesson', entity_key: `L${lesson.id}`, student_person_id: null,
        lesson_id: lesson.id, old_value: lesson.topic, new_value: next.topic, reason: patch.reason ?? '', made_by: actor.personId, made_at: scope.now, acknowledged_by: null, acknowledged_at: null,
      });
    }
    scope.touched.add(`${lesson.school_id}:${lesson.course_id}:${lesson.term_id}`);
    return toView(db, { ...lesson, ...next, version });
  };
}
