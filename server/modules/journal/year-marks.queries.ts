/** SQL of year marks (годовые отметки): the write path's statements are prepared once (see db/hot.ts). */
import type { Insertable } from 'kysely';
import type { Db } from '../../db/dialect.js';
import { hotQuery } from '../../db/hot.js';
import type { YearMarkTable } from '../../db/tables/journal.js';
import type { Q } from './journal.queries.js';

export function findAcademicYear(db: Q, yearId: number) {
  return db.selectFrom('academic_years').select(['id', 'school_id', 'starts_on', 'ends_on']).where('id', '=', yearId).executeTakeFirst();
}

const yearMarkOfCell = hotQuery((db) =>
  db.selectFrom('year_marks').selectAll().where('course_id', '=', 0).where('academic_year_id', '=', 0).where('student_person_id', '=', 0),
);
export function findYearMark(db: Db, courseId: number, yearId: number, studentId: number, via?: Q) {
  return yearMarkOfCell.first(db, [courseId, yearId, studentId], via);
}

const YEAR_MARK_COLUMNS = ['school_id', 'course_id', 'academic_year_id', 'student_person_id', 'value', 'entered_by', 'entered_at', 'updated_at', 'version'] as const;
const insertYearMarkRow = hotQuery((db) =>
  db.insertInto('year_marks').values(Object.fromEntries(YEAR_MARK_COLUMNS.map((c) => [c, 0])) as unknown as Insertable<YearMarkTable>),
);
export async function insertYearMark(db: Db, row: Insertable<YearMarkTable>, via?: Q): Promise<void> {
  await insertYearMarkRow.run(db, YEAR_MARK_COLUMNS.map((c) => row[c] ?? null), via);
}

/** Conditional on the version read, so a concurrent writer elsewhere is never overwritten. */
export async function updateYearMark(db: Q, id: number, version: number, patch: { value: string; entered_by: number; updated_at: string; version: number }) {
  const r = await db.updateTable('year_marks').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteYearMark(db: Q, id: number, version: number) {
  const r = await db.deleteFrom('year_marks').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** The grid's year column: the course's year marks. */
export function yearMarksOfCourse(db: Q, courseId: number, yearId: number) {
  return db.selectFrom('year_marks').select(['student_person_id', 'value', 'version']).where('course_id', '=', courseId).where('academic_year_id', '=', yearId).execute();
}

/** The year marks of several courses of one year (the class teacher's overview). */
export function yearMarksOfCourses(db: Q, courseIds: number[], yearId: number) {
  if (courseIds.length === 0) return Promise.resolve([] as Array<{ student_person_id: number; course_id: number; value: string }>);
  return db.selectFrom('year_marks').select(['student_person_id', 'course_id', 'value']).where('course_id', 'in', courseIds).where('academic_year_id', '=', yearId).execute();
}

/** The course's term marks of these terms (the year mark's suggestion). */
export function termMarksOfTerms(db: Q, courseId: number, termIds: number[]) {
  if (termIds.length === 0) return Promise.resolve([] as Array<{ term_id: number; student_person_id: number; value: string }>);
  return db.selectFrom('term_marks').select(['term_id', 'student_person_id', 'value']).where('course_id', '=', courseId).where('term_id', 'in', termIds).execute();
}
