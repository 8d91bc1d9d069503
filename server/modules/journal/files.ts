/**
 * Homework files: stored under DATA_DIR/homework/<school>/ with a random name
 * (never the uploader's), within size and type limits, served only to people
 * who may see the lesson.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertJournal, canSeeLesson, canWriteJournal } from '../../policy/journal.js';
import * as fq from './files.queries.js';
import * as q from './journal.queries.js';
import { assertHeld, lessonTarget } from './lessons.js';
import type { BatchScope } from './write-queue.js';

export const HOMEWORK_FILE_LIMIT = 10 * 1024 * 1024;
export const HOMEWORK_FILES_PER_LESSON = 10;

/** Accepted types by extension, with the type we serve them as (the uploader's claim is not trusted). */
export const HOMEWORK_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain; charset=utf-8',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
};

function folder(ctx: AppContext, schoolId: number): string {
  return join(ctx.config.dataDir, 'homework', String(schoolId));
}

/** Checks the name and type; returns the served MIME type. */
export function checkUpload(name: string, size: number, limit: number): string {
  if (!name || /[\\/\0]/.test(name) || name.startsWith('.') || name.includes('..') || name.length > 200) {
    throw new AppError('validation_failed', { field: '/body/file', detail: 'the file name is not acceptable' });
  }
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  const mime = HOMEWORK_TYPES[ext];
  if (!mime || !name.includes('.')) throw new AppError('file_type_refused', { field: '/body/file', detail: `accepted: ${Object.keys(HOMEWORK_TYPES).join(', ')}` });
  if (size > limit) throw new AppError('file_too_large', { field: '/body/file', detail: `at most ${limit} bytes` });
  return mime;
}

export function uploadJob(ctx: AppContext, actor: Actor, lessonId: number, file: { name: string; data: Buffer; truncated: boolean }) {
  return async (scope: BatchScope) => {
    const db = scope.trx;
    const lesson = (await q.findLessons(db, [lessonId]))[0];
    if (!lesson) throw new AppError('not_found', { field: '/params/id' });
    assertJournal(canWriteJournal(actor, lessonTarget(lesson)), '/params/id');
    assertHeld(lesson, '/params/id');
    const limit = Math.min(HOMEWORK_FILE_LIMIT, ctx.config.uploadLimit);
    if (file.truncated) throw new AppError('file_too_large', { field: '/body/file', detail: `at most ${limit} bytes` });
    const mime = checkUpload(file.name, file.data.length, limit);
    if ((await fq.liveFileCount(db, lessonId)) >= HOMEWORK_FILES_PER_LESSON) throw new AppError('validation_failed', { field: '/body/file', detail: `at most ${HOMEWORK_FILES_PER_LESSON} files per lesson` });
    const storage = randomBytes(16).toString('hex');
    const dir = folder(ctx, lesson.school_id);
    mkdirSync(dir, { recursive: true });
    // Written before the row commits; an orphan file after a crash is harmless, a row without a file is not.
    writeFileSync(join(dir, storage), file.data, { flag: 'wx' });
    const id = await fq.insertFile(db, {
      school_id: lesson.school_id, lesson_id: lessonId, name: file.name, mime, size: file.data.length, storage_name: storage, uploaded_by: actor.personId, uploaded_at: scope.now, deleted: 0,
    });
    await scope.audit.append({ schoolId: lesson.school_id, actorPersonId: actor.personId, entity: 'homework_file', entityKey: `L${lessonId}`, action: 'create', old: null, new: { fileId: id, name: file.name, size: file.data.length } });
    scope.touched.add(`${lesson.school_id}:${lesson.course_id}:${lesson.term_id}`);
    return { id, name: file.name, size: file.data.length, mime };
  };
}

export function deleteFileJob(actor: Actor, fileId: number) {
  return async (scope: BatchScope) => {
    const db = scope.trx;
    const row = await fq.findFile(db, fileId);
    if (!row) throw new AppError('not_found', { field: '/params/id' });
    const lesson = (await q.findLessons(db, [row.lesson_id]))[0]!;
    assertJournal(canWriteJournal(actor, lessonTarget(lesson)), '/params/id');
    await fq.markFileDeleted(db, fileId);
    await scope.audit.append({ schoolId: row.school_id, actorPersonId: actor.personId, entity: 'homework_file', entityKey: `L${row.lesson_id}`, action: 'delete', old: { fileId, name: row.name }, new: null });
    scope.touched.add(`${lesson.school_id}:${lesson.course_id}:${lesson.term_id}`);
  };
}

export async function readHomeworkFile(ctx: AppContext, actor: Actor, fileId: number) {
  const db = ctx.db.kysely;
  const row = await fq.findFile(db, fileId);
  if (!row) throw new AppError('not_found', { field: '/params/id' });
  const lesson = (await q.findLessons(db, [row.lesson_id]))[0]!;
  const pupils = (actor.childIds.length > 0 || actor.studentSchoolIds.includes(lesson.school_id))
    ? (await q.courseStudents(db, lesson, lesson.date, lesson.date)).map((s) => s.id)
    : [];
  assertJournal(canSeeLesson(actor, lessonTarget(lesson), pupils), '/params/id');
  const dir = resolve(folder(ctx, row.school_id));
  const path = resolve(dir, row.storage_name);
  // The stored name is ours, but a tampered row must still never reach outside the folder.
  if (!path.startsWith(dir + sep) || !existsSync(path)) throw new AppError('not_found', { field: '/params/id' });
  return { name: row.name, mime: row.mime, data: readFileSync(path) };
}
