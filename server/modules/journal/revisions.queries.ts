/** A grid's revision per course and term: every journal write and timetable change bumps it, kept grids and diary weeks compare it. */
import { sql } from 'kysely';
import type { Db } from '../../db/dialect.js';
import { hotQuery } from '../../db/hot.js';
import type { Q } from './journal.queries.js';

const revisionOf = hotQuery((db) => db.selectFrom('journal_revisions').select('rev').where('course_id', '=', 0).where('term_id', '=', 0));
export async function readRevision(db: Db, courseId: number, termId: number): Promise<number | null> {
  const row = await revisionOf.first(db, [courseId, termId]);
  return row ? Number(row.rev) : null;
}

export async function ensureRevision(db: Q, schoolId: number, courseId: number, termId: number) {
  await db
    .insertInto('journal_revisions')
    .values({ school_id: schoolId, course_id: courseId, term_id: termId, rev: 0 })
    .onConflict((oc) => oc.columns(['course_id', 'term_id']).doNothing())
    .execute();
}

const bumpGrid = hotQuery((db) =>
  db
    .insertInto('journal_revisions')
    .values({ school_id: 0, course_id: 0, term_id: 0, rev: sql.lit(1) })
    .onConflict((oc) => oc.columns(['course_id', 'term_id']).doUpdateSet({ rev: sql`journal_revisions.rev + 1` })),
);
export async function bumpRevision(db: Db, schoolId: number, courseId: number, termId: number, via?: Q) {
  await bumpGrid.run(db, [schoolId, courseId, termId], via);
}

/** Bumps each (course, term) once, creating its revision row if the grid was never read. */
export async function bumpRevisionsOf(db: Q, grids: Array<{ schoolId: number; courseId: number; termId: number }>) {
  for (let i = 0; i < grids.length; i += 500) {
    await db
      .insertInto('journal_revisions')
      .values(grids.slice(i, i + 500).map((g) => ({ school_id: g.schoolId, course_id: g.courseId, term_id: g.termId, rev: 1 })))
      .onConflict((oc) => oc.columns(['course_id', 'term_id']).doUpdateSet({ rev: sql`journal_revisions.rev + 1` }))
      .execute();
  }
}

/** A lock changes every grid of its scope. */
export async function bumpRevisionsOfTerm(db: Q, schoolId: number, termId: number, filter: { classId?: number; courseId?: number }) {
  let query = db.updateTable('journal_revisions').set({ rev: sql`rev + 1` }).where('school_id', '=', schoolId).where('term_id', '=', termId);
  if (filter.courseId) query = query.where('course_id', '=', filter.courseId);
  if (filter.classId) query = query.where('course_id', 'in', db.selectFrom('courses').select('id').where('class_id', '=', filter.classId));
  await query.execute();
}
