/** What dated lessons hold in the journal: asked by the timetable before it deletes or cancels lessons. */
import type { Q } from './journal.queries.js';

/** Lessons among `lessonIds` that hold marks or attendance (the timetable keeps those when it regenerates). */
export async function lessonsWithEntries(db: Q, lessonIds: number[]): Promise<Map<number, Array<'marks' | 'attendance'>>> {
  const found = new Map<number, Array<'marks' | 'attendance'>>();
  for (let i = 0; i < lessonIds.length; i += 5000) {
    const chunk = lessonIds.slice(i, i + 5000);
    const marks = await db.selectFrom('marks').select('lesson_id').distinct().where('lesson_id', 'in', chunk).where('deleted', '=', 0).execute();
    const attendance = await db.selectFrom('attendance').select('lesson_id').distinct().where('lesson_id', 'in', chunk).execute();
    for (const m of marks) found.set(m.lesson_id, [...(found.get(m.lesson_id) ?? []), 'marks']);
    for (const a of attendance) found.set(a.lesson_id, [...(found.get(a.lesson_id) ?? []), 'attendance']);
  }
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
