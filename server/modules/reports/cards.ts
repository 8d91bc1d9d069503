/** Report cards (табель): per pupil, the term and year marks of each subject and the year's attendance. */
import type { AppContext } from '../../context.js';
import type { ReportCardView } from '../../../shared/contracts/reports.js';
import { pupilAttendance } from '../../../shared/reports/attendance.js';
import { pupilLessons } from './attendance.js';
import * as q from './reports.queries.js';

export async function reportCards(ctx: AppContext, cls: q.ClassRow, studentId: number | undefined): Promise<ReportCardView> {
  const db = ctx.db.kysely;
  const terms = (await q.termsOfYear(db, cls.academic_year_id)).filter((t) => t.grade_from <= cls.grade && t.grade_to >= cls.grade);
  const courses = await q.classCourses(db, cls.school_id, [cls.id]);
  const courseIds = courses.map((c) => c.id);
  const [termRows, yearRows, pupils] = await Promise.all([
    q.termMarks(db, courseIds, terms.map((t) => t.id)),
    q.yearMarks(db, courseIds, cls.academic_year_id),
    pupilLessons(ctx, cls.school_id, cls.id, cls.year_starts, cls.year_ends),
  ]);
  const subjectOf = new Map(courses.map((c) => [c.id, c.subject]));
  const subjects = [...new Set(courses.map((c) => c.subject))].sort((a, b) => a.localeCompare(b, 'ru'));
  const termIndex = new Map(terms.map((t, i) => [t.id, i]));
  const chosen = studentId === undefined ? pupils : pupils.filter((p) => p.id === studentId);
  return {
    school: { id: cls.school_id, name: cls.school_name },
    className: cls.name,
    yearName: cls.year_name,
    terms: terms.map((t) => ({ id: t.id, name: t.name })),
    cards: chosen.map((p) => {
      const rows = new Map(subjects.map((s) => [s, { subject: s, terms: terms.map((): string | null => null), year: null as string | null }]));
      for (const m of termRows) if (m.student_person_id === p.id) rows.get(subjectOf.get(m.course_id)!)!.terms[termIndex.get(m.term_id)!] = m.value;
      for (const m of yearRows) if (m.student_person_id === p.id) rows.get(subjectOf.get(m.course_id)!)!.year = m.value;
      return { pupil: { id: p.id, name: p.name }, subjects: [...rows.values()], attendance: pupilAttendance(p.lessons) };
    }),
  };
}
