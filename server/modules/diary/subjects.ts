/** Marks by subject for a term: every mark, the weighted average, term and year marks, the average week by week. */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { schoolSettings } from '../structure/structure.service.js';
import { weightedAverage } from '../../../shared/journal/averages.js';
import { addDays, mondayOf } from '../../../shared/dates.js';
import type { DiarySubjects, SubjectMarks } from '../../../shared/contracts/diary.js';
import * as q from './diary.queries.js';
import { today, type Membership } from './week.js';

export async function buildSubjects(ctx: AppContext, studentId: number, termId: number | undefined): Promise<DiarySubjects> {
  const db = ctx.db.kysely;
  const rows = await q.memberships.all(ctx.db, [studentId]);
  if (rows.length === 0) throw new AppError('not_found', { field: '/params/studentId' });
  const now = today(ctx);

  // The term: the one asked for among the pupil's years, else the one holding today, else the latest begun.
  const candidates: Array<{ m: Membership; terms: Awaited<ReturnType<typeof q.termsOfYear>> }> = [];
  for (const m of rows) candidates.push({ m, terms: await q.termsOfYear(db, m.yearId, m.grade) });
  let chosen: { m: Membership; term: (typeof candidates)[number]['terms'][number] } | undefined;
  if (termId !== undefined) {
    for (const c of candidates) {
      const term = c.terms.find((t) => t.id === termId);
      if (term) chosen = { m: c.m, term };
    }
    if (!chosen) throw new AppError('not_found', { field: '/querystring/termId' });
  } else {
    const all = candidates.flatMap((c) => c.terms.map((term) => ({ m: c.m, term })));
    chosen = all.find((x) => x.term.startsOn <= now && x.term.endsOn >= now) ?? all.filter((x) => x.term.startsOn <= now).at(-1) ?? all[0];
    if (!chosen) throw new AppError('not_found', { field: '/querystring/termId' });
  }
  const { m, term } = chosen;
  const settings = await schoolSettings(ctx, m.schoolId);
  const [courses, marks, termMarks, yearMarks] = await Promise.all([
    q.coursesOf(db, studentId, m.yearId, term.startsOn, term.endsOn),
    q.termMarks(db, m.schoolId, studentId, term.id),
    q.termMarksOf(db, studentId, term.id),
    q.yearMarksOf(db, studentId, m.yearId),
  ]);

  const subjects: SubjectMarks[] = courses.map((c) => {
    const own = marks.filter((x) => x.courseId === c.id);
    const weekly: SubjectMarks['weekly'] = [];
    const weeks = [...new Set(own.map((x) => mondayOf(x.date)))].sort();
    for (const w of weeks) {
      const upTo = own.filter((x) => x.date <= addDays(w, 6));
      const { average } = weightedAverage(upTo, settings.plusMinusAffectsAverage);
      if (average !== null) weekly.push({ week: w, average });
    }
    return {
      courseId: c.id,
      subject: c.subject,
      marks: own.map((x) => ({ id: x.id, date: x.date, value: x.value, weight: x.weight, workType: x.workType, comment: x.comment })),
      average: weightedAverage(own, settings.plusMinusAffectsAverage).average,
      termMark: termMarks.find((t) => t.courseId === c.id)?.value ?? null,
      yearMark: yearMarks.find((t) => t.courseId === c.id)?.value ?? null,
      weekly,
    };
  });
  const terms = candidates.filter((c) => c.m.yearId === m.yearId).flatMap((c) => c.terms);
  return {
    student: { personId: studentId, name: `${m.name} ${m.surname}`, className: m.className },
    term: { id: term.id, name: term.name, startsOn: term.startsOn, endsOn: term.endsOn },
    terms: [...new Map(terms.map((t) => [t.id, { id: t.id, name: t.name }])).values()],
    subjects,
  };
}
