/** SQL of homework files: rows only; the bytes live under DATA_DIR (files.ts). */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { HomeworkFileTable } from '../../db/tables/journal.js';

type Q = Kysely<Database>;

export async function liveFileCount(db: Q, lessonId: number): Promise<number> {
  const row = await db.selectFrom('homework_files').select((eb) => eb.fn.countAll<number>().as('n')).where('lesson_id', '=', lessonId).where('deleted', '=', 0).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertFile(db: Q, row: Insertable<HomeworkFileTable>): Promise<number> {
  return (await db.insertInto('homework_files').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** A file not deleted. */
export function findFile(db: Q, fileId: number) {
  return db.selectFrom('homework_files').selectAll().where('id', '=', fileId).where('deleted', '=', 0).executeTakeFirst();
}

/** A deleted file keeps its row (the audit log names it). */
export function markFileDeleted(db: Q, fileId: number) {
  return db.updateTable('homework_files').set({ deleted: 1 }).where('id', '=', fileId).execute();
}

export function filesOfLesson(db: Q, lessonId: number) {
  return db.selectFrom('homework_files').select(['id', 'name', 'size', 'mime']).where('lesson_id', '=', lessonId).where('deleted', '=', 0).orderBy('id').execute();
}
