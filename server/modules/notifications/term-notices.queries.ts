/** SQL of the term and year mark notices: the marks set or changed in a window, and what guardians were told. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { TermMarkNoticeTable } from '../../db/tables/diary.js';

type Q = Kysely<Database>;

/** A term or year mark as the notices see it; `periodName` is the term's own name ("1 четверть") or «год». */
export interface PeriodMark {
  kind: 'term' | 'year';
  markId: number;
  schoolId: number;
  studentId: number;
  courseId: number;
  /** terms.id of a term mark, academic_years.id of a year mark. */
  periodId: number;
  periodName: string;
  /** Orders a pupil's lines: a term's first day; a year mark after its terms (the year's last day). */
  periodDate: string;
  subject: string;
  value: string;
  version: number;
  enteredAt: string;
}

/**
 * Term and year marks whose updated_at falls in (after, upTo]: set or
 * changed then. Each starts from its table's updated_at index (migration
 * 0011), never from a scan of all term marks.
 */
export async function periodMarksInWindow(db: Q, after: string, upTo: string): Promise<PeriodMark[]> {
  const terms = await termMarksInWindow(db, after, upTo).execute();
  const years = await yearMarksInWindow(db, after, upTo).execute();
  return [...terms.map((r) => ({ ...r, kind: 'term' as const })), ...years.map((r) => ({ ...r, kind: 'year' as const, periodName: 'год' }))];
}

/** Exported for the test that checks the plan starts from the updated_at index (no ORDER BY id: it could tempt a scan in id order; the caller sorts). */
export function termMarksInWindow(db: Q, after: string, upTo: string) {
  return db
    .selectFrom('term_marks as tm')
    .innerJoin('courses as c', 'c.id', 'tm.course_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .innerJoin('terms as t', 't.id', 'tm.term_id')
    .select([
      'tm.id as markId', 'tm.school_id as schoolId', 'tm.student_person_id as studentId', 'tm.course_id as courseId', 'tm.term_id as periodId',
      't.name as periodName', 't.starts_on as periodDate', 's.name as subject', 'tm.value', 'tm.version', 'tm.entered_at as enteredAt',
    ])
    .where('tm.updated_at', '>', after)
    .where('tm.updated_at', '<=', upTo);
}

export function yearMarksInWindow(db: Q, after: string, upTo: string) {
  return db
    .selectFrom('year_marks as ym')
    .innerJoin('courses as c', 'c.id', 'ym.course_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .innerJoin('academic_years as y', 'y.id', 'ym.academic_year_id')
    .select([
      'ym.id as markId', 'ym.school_id as schoolId', 'ym.student_person_id as studentId', 'ym.course_id as courseId', 'ym.academic_year_id as periodId',
      'y.ends_on as periodDate', 's.name as subject', 'ym.value', 'ym.version', 'ym.entered_at as enteredAt',
    ])
    .where('ym.updated_at', '>', after)
    .where('ym.updated_at', '<=', upTo);
}

/** What anyone was told of these pupils' term and year marks in these courses (a handful of rows per pupil and subject). */
export async function toldOf(db: Q, cells: Array<{ studentId: number; courseId: number }>) {
  const rows: Array<Pick<Selectable<TermMarkNoticeTable>, 'id' | 'kind' | 'term_mark_id' | 'year_mark_id' | 'version' | 'course_id' | 'term_id' | 'academic_year_id' | 'student_person_id' | 'guardian_person_id' | 'value'>> = [];
  // Chunks keep the parameter lists short; the index (student_person_id, course_id) finds the rows.
  for (let i = 0; i < cells.length; i += 300) {
    const chunk = cells.slice(i, i + 300);
    rows.push(
      ...(await db
        .selectFrom('term_mark_notices')
        .select(['id', 'kind', 'term_mark_id', 'year_mark_id', 'version', 'course_id', 'term_id', 'academic_year_id', 'student_person_id', 'guardian_person_id', 'value'])
        .where('student_person_id', 'in', [...new Set(chunk.map((c) => c.studentId))])
        .where('course_id', 'in', [...new Set(chunk.map((c) => c.courseId))])
        .execute()),
    );
  }
  return rows;
}

export async function insertTold(db: Q, rows: Array<Insertable<TermMarkNoticeTable>>) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('term_mark_notices').values(rows.slice(i, i + 200)).execute();
}
