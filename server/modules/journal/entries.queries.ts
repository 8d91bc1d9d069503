/** What dated lessons hold in the journal: asked by the timetable before it deletes or cancels lessons. */
import type { Q } from './journal.queries.js';

export type EntryReason = 'marks' | 'attendance' | 'files' | 'history';

/**
 * Lessons among `lessonIds` that the journal holds rows for (the timetable
 * keeps those when it regenerates): live marks, attendance, live homework
 * files; 'history' for a lesson whose only rows are deleted marks or files,
 * kept for the record (they reference the lesson, so it cannot go either).
 */
export async function lessonsWithEntries(db: Q, lessonIds: number[]): Promise<Map<number, EntryReason[]>> {
  const found = new Map<number, EntryReason[]>();
  const history = new Set<number>();
  const add = (id: number, reason: EntryReason) => found.set(id, [...(found.get(id) ?? []), reason]);
  for (let i = 0; i < lessonIds.length; i += 5000) {
    const chunk = lessonIds.slice(i, i + 5000);
    // min(deleted) is 0 when a lesson has a live row, 1 when all its rows are deleted.
    const marks = await db.selectFrom('marks').select(['lesson_id', (eb) => eb.fn.min<number>('deleted').as('d')]).where('lesson_id', 'in', chunk).groupBy('lesson_id').execute();
    const attendance = await db.selectFrom('attendance').select('lesson_id').distinct().where('lesson_id', 'in', chunk).execute();
    const files = await db.selectFrom('homework_files').select(['lesson_id', (eb) => eb.fn.min<number>('deleted').as('d')]).where('lesson_id', 'in', chunk).groupBy('lesson_id').execute();
    for (const m of marks) {
      if (Number(m.d) === 0) add(m.lesson_id, 'marks');
      else history.add(m.lesson_id);
    }
    for (const a of attendance) add(a.lesson_id, 'attendance');
    for (const f of files) {
      if (Number(f.d) === 0) add(f.lesson_id, 'files');
      else history.add(f.lesson_id);
    }
  }
  for (const id of history) if (!found.has(id)) found.set(id, ['history']);
  return found;
}

/** How many marks (not deleted) and attendance entries (Н, Б, У, ОП) one lesson holds. */
export async function entriesOfLesson(db: Q, lessonId: number): Promise<{ marks: number; absences: number }> {
  const marks = await db
    .selectFrom('marks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lesson_id', '=', lessonId)
    .where('deleted', '=', 0)
    .executeTakeFirstOrThrow();
  const attendance = await db.selectFrom('attendance').select((eb) => eb.fn.countAll<number>().as('n')).where('lesson_id', '=', lessonId).executeTakeFirstOrThrow();
  return { marks: Number(marks.n), absences: Number(attendance.n) };
}
