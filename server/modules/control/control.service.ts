/**
 * Internal control (order 6.3–6.4, issue 7): how each teacher keeps each
 * course's journal, and remarks (замечания) from the deputy to a teacher.
 * Term locks and the corrections list belong to the journal (journal/control.ts).
 */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { canReadSchoolReports } from '../../policy/reports.js';
import type { ControlQuery, ControlSortKey, ControlView, CourseControlRow, RemarkBody, RemarkListQuery, RemarkView } from '../../../shared/contracts/reports.js';
import { pageWindow, searchWords, type PageOf } from '../../../shared/contracts/paging.js';
import { localDateOf } from '../../../shared/dates.js';
import { isLate } from '../../../shared/reports/timeliness.js';
import { defaultSchoolSettings, readSettings } from '../../../shared/settings.js';
import * as q from './control.queries.js';

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const fullName = (s: string, n: string, p: string) => [s, n, p].filter(Boolean).join(' ');
const maxOf = (...values: Array<string | null | undefined>) => values.reduce<string | null>((m, v) => (v && (!m || v > m) ? v : m), null);

export function today(ctx: AppContext): string {
  return localDateOf(ctx.clock.now(), ctx.config.timeZone);
}

/** A school that exists, checked against the actor (404 otherwise, naming the field). */
export async function schoolFor(ctx: AppContext, actor: Actor, schoolId: number, allowed: (actor: Actor, schoolId: number) => boolean, field = '/params/id') {
  const school = await q.findSchool(ctx.db.kysely, schoolId);
  if (!school || !allowed(actor, schoolId)) throw new AppError('not_found', { field });
  return school;
}

/** The term asked for (of this school), or the one holding today, or the latest begun. */
export async function pickTerm(ctx: AppContext, schoolId: number, termId: number | undefined, field = '/querystring/termId') {
  const db = ctx.db.kysely;
  if (termId !== undefined) {
    const term = await q.findTerm(db, termId);
    if (!term || term.school_id !== schoolId) throw new AppError('not_found', { field });
    return { term, terms: await q.termsOfYear(db, term.academic_year_id) };
  }
  const day = today(ctx);
  const year = await q.yearFor(db, schoolId, day);
  if (!year) return { term: null, terms: [] };
  const terms = await q.termsOfYear(db, year.id);
  const widest = (list: typeof terms) => [...list].sort((a, b) => b.grade_to - b.grade_from - (a.grade_to - a.grade_from))[0];
  const term = widest(terms.filter((t) => t.starts_on <= day && t.ends_on >= day)) ?? [...terms].reverse().find((t) => t.starts_on <= day) ?? terms[0] ?? null;
  return { term, terms };
}

/**
 * Figures per (teacher, course) over the term's past days: lessons with a
 * topic, homework, attendance taken (any absence or mark written: presence is
 * not recorded), marks per pupil, late entries, the last entry.
 */
export async function courseFigures(ctx: AppContext, schoolId: number, term: { academic_year_id: number; starts_on: string; ends_on: string }, teacherId?: number): Promise<CourseControlRow[]> {
  const db = ctx.db.kysely;
  const school = (await q.findSchool(db, schoolId))!;
  const settings = readSettings(defaultSchoolSettings, school.settings);
  const day = today(ctx);
  const from = term.starts_on;
  const to = term.ends_on < day ? term.ends_on : day;
  const [pairs, lessons, marks, attendance, candidates, days, pupils, remarks] = await Promise.all([
    q.courseTeachers(db, schoolId, term.academic_year_id, teacherId),
    q.lessonFigures(db, schoolId, from, to),
    q.markFigures(db, schoolId, from, to),
    q.attendanceLast(db, schoolId, from, to),
    q.lateCandidates(db, schoolId, from, to, settings.lateAfterSchoolDays),
    q.schoolDays(db, schoolId, from, '9999-12-31'),
    q.pupilCounts(db, schoolId, from, to),
    q.openRemarkCounts(db, schoolId),
  ]);
  const late = new Map<number, number>();
  for (const c of candidates) {
    if (isLate(days, c.date, localDateOf(new Date(c.at), ctx.config.timeZone), settings.lateAfterSchoolDays)) late.set(c.course_id, (late.get(c.course_id) ?? 0) + 1);
  }
  const byCourse = <T extends { course_id: number }>(rows: T[]) => new Map(rows.map((r) => [r.course_id, r]));
  const L = byCourse(lessons);
  const M = byCourse(marks);
  const A = byCourse(attendance);
  const R = new Map(remarks.map((r) => [`${r.course_id}:${r.teacher_person_id}`, Number(r.n)]));
  return pairs.map((p) => {
    const l = L.get(p.course_id);
    const past = Number(l?.lessons ?? 0);
    const markCount = Number(M.get(p.course_id)?.marks ?? 0);
    const pupilCount = (p.group_id ? pupils.groups.get(p.group_id) : pupils.classes.get(p.class_id)) ?? 0;
    return {
      teacherId: p.teacher_person_id,
      teacher: fullName(p.surname, p.name, p.patronymic),
      courseId: p.course_id,
      className: p.class_name,
      subject: p.subject,
      group: p.group_name,
      hoursPerWeek: Number(p.hours_per_week),
      pupils: pupilCount,
      pastLessons: past,
      topicShare: share(Number(l?.with_topic ?? 0), past),
      homeworkShare: share(Number(l?.with_homework ?? 0), past),
      attendanceShare: share(Number(l?.with_attendance ?? 0), past),
      marks: markCount,
      marksPerPupil: pupilCount > 0 ? Math.round((markCount / pupilCount) * 100) / 100 : null,
      lateEntries: late.get(p.course_id) ?? 0,
      lastEntryAt: maxOf(l?.last_topic, M.get(p.course_id)?.last_mark, A.get(p.course_id)?.last_attendance),
      openRemarks: R.get(`${p.course_id}:${p.teacher_person_id}`) ?? 0,
    };
  });
}

/**
 * The deputy's control page: a page of a term's rows (one per course and teacher; several hundred
 * in a large school). The figures come from a few grouped statements over the whole school, so the
 * search, the sort by any column and the cut into pages happen here, after them.
 */
export async function controlPage(ctx: AppContext, actor: Actor, schoolId: number, query: ControlQuery = {}): Promise<ControlView> {
  const school = await schoolFor(ctx, actor, schoolId, canReadSchoolReports);
  const { term, terms } = await pickTerm(ctx, schoolId, query.termId);
  const settings = readSettings(defaultSchoolSettings, school.settings);
  const window = pageWindow(query);
  const sort = query.sort ?? 'teacher';
  const desc = query.desc ?? false;
  const all = term ? sortControlRows(searchControlRows(await courseFigures(ctx, schoolId, term), searchWords(query.q)), sort, desc) : [];
  return {
    schoolId,
    term: term ? { id: term.id, name: term.name, startsOn: term.starts_on, endsOn: term.ends_on } : null,
    terms: terms.map((t) => ({ id: t.id, name: t.name })),
    today: today(ctx),
    lateAfterSchoolDays: settings.lateAfterSchoolDays,
    rows: all.slice(window.offset, window.offset + window.limit),
    total: all.length,
    page: window.page,
    pageSize: window.pageSize,
    sort,
    desc,
  };
}

/** Rows whose teacher, class, group or subject holds every word (case-insensitive). */
export function searchControlRows(rows: CourseControlRow[], words: string[]): CourseControlRow[] {
  if (words.length === 0) return rows;
  const needles = words.map((w) => w.toLocaleLowerCase('ru'));
  return rows.filter((r) => {
    const text = `${r.teacher} ${r.className} ${r.group ?? ''} ${r.subject}`.toLocaleLowerCase('ru');
    return needles.every((n) => text.includes(n));
  });
}

const collator = new Intl.Collator('ru', { numeric: true });

/** Sorted by a column (empty figures last when descending, first when ascending), then teacher, class, subject and ids, so pages never overlap. */
export function sortControlRows(rows: CourseControlRow[], key: ControlSortKey, desc: boolean): CourseControlRow[] {
  const value = (r: CourseControlRow): string | number => {
    if (key === 'teacher') return r.teacher;
    if (key === 'course') return `${r.className} ${r.subject} ${r.group ?? ''}`;
    if (key === 'lastEntryAt') return r.lastEntryAt ?? '';
    return r[key] ?? -1;
  };
  const compare = (x: string | number, y: string | number) => (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
  const tie = (a: CourseControlRow, b: CourseControlRow) =>
    collator.compare(a.teacher, b.teacher) || collator.compare(a.className, b.className) || collator.compare(a.subject, b.subject) || a.courseId - b.courseId || a.teacherId - b.teacherId;
  return [...rows].sort((a, b) => (desc ? -1 : 1) * compare(value(a), value(b)) || tie(a, b));
}

// --- remarks -----------------------------------------------------------------------

function toRemark(r: Awaited<ReturnType<typeof q.remarks>>[number]): RemarkView {
  return {
    id: r.id, courseId: r.course_id, course: `${r.class_name} ${r.subject}`, teacherId: r.teacher_person_id, teacher: fullName(r.ts, r.tn, r.tp),
    author: fullName(r.as_, r.an, r.ap), text: r.text, createdAt: r.created_at, doneAt: r.done_at,
  };
}

export async function createRemark(ctx: AppContext, actor: Actor, body: RemarkBody): Promise<RemarkView> {
  const db = ctx.db.kysely;
  const course = await q.findCourse(db, body.courseId);
  if (!course || !canReadSchoolReports(actor, course.school_id)) throw new AppError('not_found', { field: '/body/courseId' });
  const teachers = await q.teachersOfCourse(db, course.id);
  const teacherId = body.teacherId ?? teachers[0];
  if (teacherId === undefined || !teachers.includes(teacherId)) throw new AppError('not_found', { field: '/body/teacherId', detail: 'not a teacher of this course' });
  const { id } = await q.insertRemark(db, {
    school_id: course.school_id, course_id: course.id, teacher_person_id: teacherId, author_person_id: actor.personId, text: body.text.trim(), created_at: ctx.clock.now().toISOString(),
  });
  return toRemark((await q.remarks(db, { id }))[0]!);
}

/** A page of the school's remarks, newest first. */
export async function schoolRemarks(ctx: AppContext, actor: Actor, schoolId: number, query: RemarkListQuery = {}): Promise<PageOf<RemarkView>> {
  await schoolFor(ctx, actor, schoolId, canReadSchoolReports);
  const window = pageWindow(query);
  const { rows, total } = await q.pageRemarks(ctx.db.kysely, { schoolId, courseId: query.courseId }, window);
  return { total, page: window.page, pageSize: window.pageSize, items: rows.map(toRemark) };
}

/** The teacher's own remarks: open ones first, then the latest closed. */
export async function myRemarks(ctx: AppContext, actor: Actor): Promise<RemarkView[]> {
  const rows = (await q.remarks(ctx.db.kysely, { teacherId: actor.personId })).map(toRemark);
  return [...rows.filter((r) => !r.doneAt), ...rows.filter((r) => r.doneAt).slice(0, 20)];
}

export async function markDone(ctx: AppContext, actor: Actor, remarkId: number): Promise<RemarkView> {
  const db = ctx.db.kysely;
  const row = (await q.remarks(db, { id: remarkId }))[0];
  // Only the teacher it is addressed to closes a remark; for anyone else it does not exist.
  if (!row || row.teacher_person_id !== actor.personId) throw new AppError('not_found', { field: '/params/id' });
  await q.markRemarkDone(db, row.id, actor.personId, ctx.clock.now().toISOString());
  return toRemark((await q.remarks(db, { id: remarkId }))[0]!);
}
