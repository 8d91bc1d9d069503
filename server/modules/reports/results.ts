/**
 * Results reports (успеваемость): a class's pupils × subjects with term or
 * year marks and the rates per subject; a subject across the school's
 * classes; the aggregate without names for the municipality and region.
 * Every rate comes from counts (shared/reports/rates.ts).
 */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { AggregateView, ClassResultsView, PeriodView, RatesView, SubjectResultsView } from '../../../shared/contracts/reports.js';
import { addCounts, countMark, emptyCounts, pupilStanding, ratesOf, type MarkCounts } from '../../../shared/reports/rates.js';
import * as control from '../control/control.service.js';
import * as q from './reports.queries.js';

export const fullName = (p: { surname: string; name: string; patronymic?: string }) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
const rates = (counts: MarkCounts): RatesView => ratesOf(counts);

interface Period {
  view: PeriodView;
  from: string;
  to: string;
}

/** The period of a report on a class: the year, the term asked for (of the class's year), or the current term. */
export async function periodOf(ctx: AppContext, cls: q.ClassRow, query: { termId?: number; year?: boolean }): Promise<Period> {
  const db = ctx.db.kysely;
  const yearView = { yearId: cls.academic_year_id, yearName: cls.year_name };
  if (query.year) return { view: { kind: 'year', termId: null, name: cls.year_name, ...yearView }, from: cls.year_starts, to: cls.year_ends };
  let term;
  if (query.termId !== undefined) {
    term = await control.pickTerm(ctx, cls.school_id, query.termId).then((r) => r.term);
    if (term!.academic_year_id !== cls.academic_year_id) throw new AppError('term_of_other_year', { field: '/querystring/termId' });
  } else {
    const fitting = (await q.termsOfYear(db, cls.academic_year_id)).filter((t) => t.grade_from <= cls.grade && t.grade_to >= cls.grade);
    const day = control.today(ctx);
    term = fitting.find((t) => t.starts_on <= day && t.ends_on >= day) ?? [...fitting].reverse().find((t) => t.starts_on <= day) ?? fitting[0];
    if (!term) throw new AppError('not_found', { field: '/querystring/termId', detail: 'the class’s year has no terms' });
  }
  return { view: { kind: 'term', termId: term!.id, name: term!.name, ...yearView }, from: term!.starts_on, to: term!.ends_on };
}

/** Marks of the period per course and pupil: term marks of the term, or year marks. */
async function periodMarks(ctx: AppContext, courseIds: number[], period: Period) {
  const db = ctx.db.kysely;
  const rows =
    period.view.kind === 'year'
      ? await q.yearMarks(db, courseIds, period.view.yearId)
      : (await q.termMarks(db, courseIds, [period.view.termId!])).map((r) => ({ course_id: r.course_id, student_person_id: r.student_person_id, value: r.value }));
  return rows;
}

export async function classResults(ctx: AppContext, cls: q.ClassRow, query: { termId?: number; year?: boolean }): Promise<ClassResultsView> {
  const db = ctx.db.kysely;
  const period = await periodOf(ctx, cls, query);
  const [pupils, courses] = await Promise.all([q.classPupils(db, cls.id, period.from, period.to), q.classCourses(db, cls.school_id, [cls.id])]);
  const marks = await periodMarks(ctx, courses.map((c) => c.id), period);
  const subjectOfCourse = new Map(courses.map((c) => [c.id, c.subject_id]));
  const subjects: Array<{ id: number; name: string }> = [];
  for (const c of courses) if (!subjects.some((s) => s.id === c.subject_id)) subjects.push({ id: c.subject_id, name: c.subject });
  subjects.sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id - b.id);
  const si = new Map(subjects.map((s, i) => [s.id, i]));
  const seen = new Set<number>();
  const pupilRows = pupils.filter((p) => !seen.has(p.id) && seen.add(p.id));
  const pi = new Map(pupilRows.map((p, i) => [p.id, i]));
  const grid: Array<Array<string | null>> = pupilRows.map(() => subjects.map(() => null));
  for (const m of marks) {
    const p = pi.get(m.student_person_id);
    const s = si.get(subjectOfCourse.get(m.course_id)!);
    if (p !== undefined && s !== undefined) grid[p]![s] = m.value;
  }
  const subjectCounts = subjects.map(() => emptyCounts());
  grid.forEach((row) => row.forEach((v, s) => v !== null && countMark(subjectCounts[s]!, v)));
  const standings = grid.map((row) => pupilStanding(row.filter((v): v is string => v !== null)));
  const withMarks = standings.filter((s) => s.hasMarks);
  const all = subjectCounts.reduce(addCounts, emptyCounts());
  const total = rates(all);
  return {
    school: { id: cls.school_id, name: cls.school_name },
    class: { id: cls.id, name: cls.name },
    period: period.view,
    subjects,
    pupils: pupilRows.map((p, i) => ({ id: p.id, name: fullName(p), marks: grid[i]!, average: standings[i]!.average, passes: standings[i]!.passes, quality: standings[i]!.quality })),
    bySubject: subjects.map((s, i) => ({ subjectId: s.id, subject: s.name, ...rates(subjectCounts[i]!) })),
    total: {
      ...total,
      passRate: withMarks.length ? Math.round((withMarks.filter((s) => s.passes).length / withMarks.length) * 10_000) / 10_000 : null,
      qualityRate: withMarks.length ? Math.round((withMarks.filter((s) => s.quality).length / withMarks.length) * 10_000) / 10_000 : null,
      pupils: pupilRows.length,
      pupilsWithMarks: withMarks.length,
      pupilsPassing: withMarks.filter((s) => s.passes).length,
      pupilsQuality: withMarks.filter((s) => s.quality).length,
    },
  };
}

/** One subject across all classes of the school in a term (or the year). */
export async function subjectResults(
  ctx: AppContext,
  school: { id: number; name: string },
  subject: { id: number; name: string },
  query: { termId?: number; year?: boolean },
): Promise<SubjectResultsView> {
  const db = ctx.db.kysely;
  const { term } = await control.pickTerm(ctx, school.id, query.termId);
  if (!term) throw new AppError('not_found', { field: '/querystring/termId', detail: 'the school has no terms' });
  const year = (await q.findYear(db, term.academic_year_id))!;
  const period: Period = query.year
    ? { view: { kind: 'year', termId: null, name: year.name, yearId: year.id, yearName: year.name }, from: year.starts_on, to: year.ends_on }
    : { view: { kind: 'term', termId: term.id, name: term.name, yearId: year.id, yearName: year.name }, from: term.starts_on, to: term.ends_on };
  const classes = await q.classesOfYear(db, school.id, year.id);
  const courses = (await q.classCourses(db, school.id, classes.map((c) => c.id))).filter((c) => c.subject_id === subject.id);
  const marks = await periodMarks(ctx, courses.map((c) => c.id), period);
  const teachers = await q.teacherNames(db, courses.map((c) => c.id));
  const classOfCourse = new Map(courses.map((c) => [c.id, c.class_id]));
  const rows: SubjectResultsView['classes'] = [];
  let sum = emptyCounts();
  for (const cls of classes) {
    const own = courses.filter((c) => c.class_id === cls.id);
    if (own.length === 0) continue;
    const counts = emptyCounts();
    for (const m of marks) if (classOfCourse.get(m.course_id) === cls.id) countMark(counts, m.value);
    sum = addCounts(sum, counts);
    rows.push({ classId: cls.id, className: cls.name, teachers: [...new Set(own.flatMap((c) => teachers.get(c.id) ?? []))].join(', '), ...rates(counts) });
  }
  return { school, subject, period: period.view, classes: rows, total: rates(sum) };
}

/** Counts and rates per grade level and subject for a term, without any person's name. */
export async function aggregate(ctx: AppContext, schoolId: number, termId: number | undefined): Promise<AggregateView> {
  const db = ctx.db.kysely;
  const { term } = await control.pickTerm(ctx, schoolId, termId);
  if (!term) return { schoolId, period: null, byGrade: [], bySubject: [], total: rates(emptyCounts()) };
  const classes = await q.classesOfYear(db, schoolId, term.academic_year_id);
  const courses = await q.classCourses(db, schoolId, classes.map((c) => c.id));
  const marks = await q.termMarks(db, courses.map((c) => c.id), [term.id]);
  const course = new Map(courses.map((c) => [c.id, c]));
  const gradeOf = new Map(classes.map((c) => [c.id, c.grade]));
  const byGrade = new Map<number, MarkCounts>();
  const bySubject = new Map<string, MarkCounts>();
  const total = emptyCounts();
  for (const m of marks) {
    const c = course.get(m.course_id)!;
    const grade = gradeOf.get(c.class_id)!;
    if (!byGrade.has(grade)) byGrade.set(grade, emptyCounts());
    if (!bySubject.has(c.subject)) bySubject.set(c.subject, emptyCounts());
    countMark(byGrade.get(grade)!, m.value);
    countMark(bySubject.get(c.subject)!, m.value);
    countMark(total, m.value);
  }
  return {
    schoolId,
    period: { kind: 'term', name: term.name, startsOn: term.starts_on, endsOn: term.ends_on },
    byGrade: [...byGrade.entries()].sort((a, b) => a[0] - b[0]).map(([grade, counts]) => ({ grade, ...rates(counts) })),
    bySubject: [...bySubject.entries()].sort((a, b) => a[0].localeCompare(b[0], 'ru')).map(([subject, counts]) => ({ subject, ...rates(counts) })),
    total: rates(total),
  };
}
