/**
 * The course journal for a term: the hottest read. Built with a handful of
 * queries into a compact JSON text, then kept in a per-process cache keyed by
 * course and term and checked against the grid's revision (bumped in the same
 * transaction as every write), so a repeated read costs one indexed lookup.
 * Changes outside the journal (a pupil moving class) are picked up within
 * CACHE_TTL_MS.
 */
import type { AppContext } from '../../context.js';
import { keptJson, type KeptJson } from '../../http/json-body.js';
import { AppError } from '../../errors.js';
import type { GridView } from '../../../shared/contracts/journal.js';
import { suggestTermMark, suggestYearMark, type WeightedMark } from '../../../shared/journal/averages.js';
import { localDateOf } from '../../../shared/dates.js';
import { defaultSchoolSettings, readSettings } from '../../../shared/settings.js';
import * as q from './journal.queries.js';
import * as rq from './revisions.queries.js';
import { scaleOf, termsForGrade } from './writes.js';
import * as yq from './year-marks.queries.js';
import { ensureWorkTypes } from './work-types.js';

const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 2000;

interface Cached {
  rev: number;
  builtAt: number;
  /** JSON text without the per-reader `canWrite` member. */
  body: string;
  schoolId: number;
  classId: number;
  courseId: number;
  lessonTeacherIds: Array<number | null>;
  /** The two answers (a reader who may write, one who may not), each made on first need with its gzip. */
  answers: { write?: KeptJson; read?: KeptJson };
}

/** The grid's JSON answer for a reader, with the per-reader `canWrite` member. */
export function answerOf(entry: Cached, canWrite: boolean): KeptJson {
  const slot = canWrite ? 'write' : 'read';
  return (entry.answers[slot] ??= keptJson(`${entry.body.slice(0, -1)},"canWrite":${canWrite}}`));
}

const caches = new WeakMap<object, Map<string, Cached>>();
function cacheOf(ctx: AppContext): Map<string, Cached> {
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new Map()));
  return cache;
}

/** Forgets cached grids of this process (the next read rebuilds them). */
export function invalidateGrids(ctx: AppContext, keys?: Iterable<string>): void {
  const cache = cacheOf(ctx);
  if (!keys) return cache.clear();
  for (const key of keys) {
    const [, courseId, termId] = key.split(':');
    cache.delete(`${courseId}:${termId}`);
  }
}

/** The term of the course's year that holds `date`, else the nearest one before it, else the first. */
export async function pickTerm(ctx: AppContext, course: q.CourseRow, termId: number | undefined) {
  const terms = await q.termsOfYear(ctx.db.kysely, course.school_id, course.academic_year_id);
  const fitting = termsForGrade(terms, course.grade);
  if (termId !== undefined) {
    const term = fitting.find((t) => t.id === termId);
    if (!term) throw new AppError('not_found', { field: '/querystring/termId' });
    return { term, terms: fitting };
  }
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const term = fitting.find((t) => t.starts_on <= today && t.ends_on >= today) ?? [...fitting].reverse().find((t) => t.starts_on <= today) ?? fitting[0];
  if (!term) throw new AppError('not_found', { field: '/querystring/termId' });
  return { term, terms: fitting };
}

export async function cachedGrid(ctx: AppContext, course: q.CourseRow, termId: number | undefined): Promise<Cached> {
  const db = ctx.db.kysely;
  const cache = cacheOf(ctx);
  if (termId !== undefined) {
    const hit = cache.get(`${course.id}:${termId}`);
    if (hit && Date.now() - hit.builtAt < CACHE_TTL_MS) {
      const rev = await rq.readRevision(ctx.db, course.id, termId);
      if (rev === hit.rev) return hit;
    }
  }
  const { term, terms } = await pickTerm(ctx, course, termId);
  await rq.ensureRevision(db, course.school_id, course.id, term.id);
  const rev = (await rq.readRevision(ctx.db, course.id, term.id)) ?? 0;
  const built = await buildGrid(ctx, course, term, terms);
  const entry: Cached = { rev, builtAt: Date.now(), body: JSON.stringify(built.view), schoolId: course.school_id, classId: course.class_id, courseId: course.id, lessonTeacherIds: built.teacherIds, answers: {} };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(`${course.id}:${term.id}`, entry);
  return entry;
}

type Term = NonNullable<Awaited<ReturnType<typeof q.findTerm>>>;

/** The last term's year column: the year marks, and the term marks of the whole year behind the suggestions. */
async function yearColumnRows(db: q.Q, course: q.CourseRow, terms: Term[]) {
  const [yearMarks, termMarks] = await Promise.all([
    yq.yearMarksOfCourse(db, course.id, course.academic_year_id),
    yq.termMarksOfTerms(db, course.id, terms.map((t) => t.id)),
  ]);
  return { yearMarks, termMarks };
}

async function buildGrid(ctx: AppContext, course: q.CourseRow, term: Term, terms: Term[]) {
  const db = ctx.db.kysely;
  const settings = readSettings(defaultSchoolSettings, course.settings);
  await ensureWorkTypes(ctx, course.school_id);
  const isLastTerm = terms.at(-1)?.id === term.id;
  const [lessons, students, marks, attendance, termMarks, types, locked, year] = await Promise.all([
    q.lessonsOf(db, course.id, term.id),
    q.courseStudents(db, course, term.starts_on, term.ends_on),
    q.marksOf(db, course.id, term.id),
    q.attendanceOf(db, course.id, term.id),
    q.termMarksOf(db, course.id, term.id),
    q.workTypes(db, course.school_id),
    q.isLocked(ctx.db, course.school_id, term.id, course.class_id, course.id),
    isLastTerm ? yearColumnRows(db, course, terms) : null,
  ]);
  const files = await q.fileCounts(db, lessons.map((l) => l.id));
  const fileCount = new Map(files.map((f) => [f.lesson_id, Number(f.n)]));
  const li = new Map(lessons.map((l, i) => [l.id, i]));
  const si = new Map(students.map((s, i) => [s.id, i]));
  const perStudent: WeightedMark[][] = students.map(() => []);
  const view: Omit<GridView, 'canWrite'> = {
    course: { id: course.id, schoolId: course.school_id, classId: course.class_id, name: `${course.class_name} ${course.subject}`, className: course.class_name, subject: course.subject, group: course.group_name },
    scale: scaleOf(course, settings),
    term: { id: term.id, name: term.name, startsOn: term.starts_on, endsOn: term.ends_on, locked },
    terms: terms.map((t) => [t.id, t.name]),
    workTypes: types.map((t) => [t.id, t.name, t.weight]),
    lessons: lessons.map((l) => [l.id, l.date, l.number, l.topic, l.homework, l.work_type_id ?? 0, l.is_control, l.version, fileCount.get(l.id) ?? 0]),
    students: students.map((s) => [s.id, `${s.surname} ${s.name.slice(0, 1)}.`]),
    marks: [],
    attendance: [],
    termMarks: [],
    averages: [],
    year: null,
  };
  for (const m of marks) {
    const l = li.get(m.lesson_id);
    const s = si.get(m.student_person_id);
    if (l === undefined || s === undefined) continue;
    view.marks.push(m.comment ? [m.id, l, s, m.value, m.work_type_id ?? 0, m.weight, m.version, m.comment] : [m.id, l, s, m.value, m.work_type_id ?? 0, m.weight, m.version]);
    perStudent[s]!.push({ value: m.value, weight: m.weight });
  }
  for (const a of attendance) {
    const l = li.get(a.lesson_id);
    const s = si.get(a.student_person_id);
    if (l !== undefined && s !== undefined) view.attendance.push([l, s, a.code, a.version]);
  }
  for (const t of termMarks) {
    const s = si.get(t.student_person_id);
    if (s !== undefined) view.termMarks.push([s, t.value, t.version]);
  }
  view.averages = perStudent.map((ms) => {
    const { average, suggestion } = suggestTermMark(ms, settings);
    return [average, suggestion];
  });
  if (year) {
    const ofTerms: string[][] = students.map(() => []);
    for (const t of year.termMarks) {
      const s = si.get(t.student_person_id);
      if (s !== undefined) ofTerms[s]!.push(t.value);
    }
    const yearMarks: NonNullable<GridView['year']>['marks'] = [];
    for (const y of year.yearMarks) {
      const s = si.get(y.student_person_id);
      if (s !== undefined) yearMarks.push([s, y.value, y.version]);
    }
    view.year = { id: course.academic_year_id, marks: yearMarks, suggestions: ofTerms.map((values) => suggestYearMark(values, settings)) };
  }
  return { view, teacherIds: [...new Set(lessons.map((l) => l.teacher_person_id))] };
}
