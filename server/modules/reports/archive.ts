/**
 * The year-end archive of a class (АП-147/07: the journal kept on paper as
 * well): the printable journal of each course — every lesson with its topic
 * and homework, the marks and attendance grid, term and year marks — and the
 * сводная ведомость успеваемости (pupils × subjects × term and year marks),
 * with numbered pages and places for the director's signature and the seal.
 *
 * All data of a class is read with a fixed number of set-based queries (not
 * per course or pupil); the document is laid out by pdf-pages.ts and streamed
 * to its file page by page. A school's job builds one class after another, so
 * memory is bounded by the largest class, not the school.
 */
import type { AppContext } from '../../context.js';
import { attendanceLabel, type AttendanceCode } from '../../../shared/journal/marks.js';
import { type Block, writePages } from './pdf-pages.js';
import * as q from './reports.queries.js';
import { fullName } from './results.js';

const LESSONS_PER_TABLE = 18;
const SUBJECTS_PER_TABLE = 4;
const NAME_WIDTH = 120;
/** Whole column widths, padding included: 18 lessons and the term mark fit the landscape page. */
const CELL_WIDTH = 34;
const SHEET_CELL_WIDTH = 32;
const GRID_SIZE = 7;

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
}

const dm = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
const shortTerm = (name: string, i: number) => (/^\d/.test(name) ? name.split(' ')[0]! : String(i + 1));

/** SQLite answers synchronously: let the server's requests in between the batches of a class's reads. */
const yieldToServer = () => new Promise<void>((resolve) => setImmediate(resolve));

type Lesson = Awaited<ReturnType<typeof q.lessonsOf>>[number];

/** Everything printed for one class, read with a fixed number of queries whatever the number of courses. */
async function classData(ctx: AppContext, cls: q.ClassRow) {
  const db = ctx.db.kysely;
  const from = cls.year_starts;
  const to = cls.year_ends;
  const [allTerms, members, courses] = await Promise.all([q.termsOfYear(db, cls.academic_year_id), q.classPupils(db, cls.id, from, to), q.classCourses(db, cls.school_id, [cls.id])]);
  const terms = allTerms.filter((t) => t.grade_from <= cls.grade && t.grade_to >= cls.grade);
  const seen = new Set<number>();
  const pupils = members.filter((p) => !seen.has(p.id) && seen.add(p.id));
  await yieldToServer();
  const courseIds = courses.map((c) => c.id);
  const groupIds = [...new Set(courses.map((c) => c.group_id).filter((g): g is number => g !== null))];
  const [teachers, termRows, yearRows, groupRows, classTeacher, lessons, marks, attendance] = await Promise.all([
    q.teacherNames(db, courseIds),
    q.termMarks(db, courseIds, terms.map((t) => t.id)),
    q.yearMarks(db, courseIds, cls.academic_year_id),
    q.groupMembers(db, groupIds),
    cls.class_teacher_person_id ? q.findPerson(db, cls.class_teacher_person_id) : Promise.resolve(undefined),
    q.lessonsOf(db, courseIds, from, to),
    q.marksOf(db, courseIds, from, to),
    q.attendanceOf(db, courseIds, from, to),
  ]);
  await yieldToServer();

  // A lesson's cell for a pupil: the attendance label, then the marks in the order entered.
  const cells = new Map<number, Map<number, string>>();
  const put = (lessonId: number, pupilId: number, text: string) => {
    let row = cells.get(lessonId);
    if (!row) cells.set(lessonId, (row = new Map()));
    const before = row.get(pupilId);
    row.set(pupilId, before === undefined ? text : `${before} ${text}`);
  };
  for (const a of attendance) put(a.lesson_id, a.student_person_id, attendanceLabel[a.code as AttendanceCode]);
  for (const m of marks) put(m.lesson_id, m.student_person_id, m.value);

  const lessonsOfCourse = new Map<number, Lesson[]>();
  for (const l of lessons) {
    const list = lessonsOfCourse.get(l.course_id);
    if (list) list.push(l);
    else lessonsOfCourse.set(l.course_id, [l]);
  }
  const groupPupils = new Map<number, Set<number>>();
  for (const g of groupRows) {
    const set = groupPupils.get(g.group_id);
    if (set) set.add(g.student_person_id);
    else groupPupils.set(g.group_id, new Set([g.student_person_id]));
  }
  // Term marks keyed course:term:pupil, year marks course:year:pupil.
  const finals = new Map<string, string>();
  for (const r of termRows) finals.set(`${r.course_id}:${r.term_id}:${r.student_person_id}`, r.value);
  for (const r of yearRows) finals.set(`${r.course_id}:year:${r.student_person_id}`, r.value);
  const coursesWithYearMarks = new Set(yearRows.map((r) => r.course_id));
  return { cls, terms, pupils, courses, teachers, classTeacher, cells, lessonsOfCourse, groupPupils, finals, coursesWithYearMarks };
}

type ClassData = Awaited<ReturnType<typeof classData>>;

const pupilName = (p: { surname: string; name: string }) => fullName({ surname: p.surname, name: p.name });

function* coverPage(d: ClassData): Generator<Block> {
  const { cls } = d;
  yield { kind: 'text', text: cls.school_name, size: 12, center: true, before: 120, after: 20 };
  yield { kind: 'text', text: 'КЛАССНЫЙ ЖУРНАЛ', size: 22, bold: true, center: true };
  yield { kind: 'text', text: `${cls.name} класс, ${cls.year_name} учебный год`, size: 14, center: true, before: 10, after: 10 };
  yield { kind: 'text', text: 'Архивная копия электронного журнала на бумажном носителе', size: 10, center: true };
  if (d.classTeacher) yield { kind: 'text', text: `Классный руководитель: ${fullName(d.classTeacher)}`, size: 8, center: true, before: 20 };
  yield { kind: 'text', text: `Учеников: ${d.pupils.length}. Предметов: ${new Set(d.courses.map((c) => c.subject_id)).size}.`, size: 8, center: true, before: 6 };
}

/** One course's journal: per term the marks grid (18 lessons a table) and the topics, then the year marks. */
function* courseJournal(d: ClassData, course: ClassData['courses'][number]): Generator<Block> {
  const members = course.group_id ? d.groupPupils.get(course.group_id) : undefined;
  const own = course.group_id ? d.pupils.filter((p) => members?.has(p.id)) : d.pupils;
  const names = own.map(pupilName);
  const lessons = d.lessonsOfCourse.get(course.id) ?? [];
  const name = course.group_name ? `${course.subject} (${course.group_name})` : course.subject;
  yield { kind: 'pageBreak' };
  yield { kind: 'text', text: `${name} — ${d.cls.name}`, size: 13, bold: true };
  yield { kind: 'text', text: `Учитель: ${(d.teachers.get(course.id) ?? []).join(', ') || '—'}`, size: 8, after: 6 };
  for (const term of d.terms) {
    const termLessons = lessons.filter((l) => l.term_id === term.id);
    const parts = chunk(termLessons, LESSONS_PER_TABLE);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      const header = ['Ученик', ...part.map((l) => dm(l.date))];
      if (last) header.push('Итог');
      const rows = own.map((p, r) => {
        const row = [names[r]!];
        for (const l of part) row.push(d.cells.get(l.id)?.get(p.id) ?? '');
        if (last) row.push(d.finals.get(`${course.id}:${term.id}:${p.id}`) ?? '');
        return row;
      });
      yield { kind: 'table', title: i === 0 ? term.name : undefined, widths: [NAME_WIDTH, ...header.slice(1).map(() => CELL_WIDTH)], header, rows, size: GRID_SIZE };
    }
    if (termLessons.length > 0) {
      yield {
        kind: 'table',
        title: `${term.name}: темы уроков и домашние задания`,
        widths: [50, 20, 430, 286],
        header: ['Дата', '№', 'Тема урока', 'Домашнее задание'],
        rows: termLessons.map((l) => [l.date, String(l.number), l.topic || '—', l.homework || '—']),
        size: GRID_SIZE,
      };
    }
  }
  if (d.coursesWithYearMarks.has(course.id)) {
    yield { kind: 'table', title: 'Годовые отметки', widths: [NAME_WIDTH, CELL_WIDTH], header: ['Ученик', 'Год'], rows: own.map((p, r) => [names[r]!, d.finals.get(`${course.id}:year:${p.id}`) ?? '']), size: GRID_SIZE };
  }
}

/** Сводная ведомость успеваемости: pupils × subjects × terms and year, four subjects a table, then the signature. */
function* summarySheet(d: ClassData): Generator<Block> {
  const subjects = [...new Map(d.courses.map((c) => [c.subject_id, c.subject])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'ru'));
  // A pupil's mark in a subject: from the course of that subject they are in (a group's, or the class's).
  const coursesOf = new Map<number, ClassData['courses']>();
  for (const c of d.courses) coursesOf.set(c.subject_id, [...(coursesOf.get(c.subject_id) ?? []), c]);
  const mark = (pupilId: number, subjectId: number, key: number | 'year') => {
    for (const c of coursesOf.get(subjectId) ?? []) {
      const v = d.finals.get(`${c.id}:${key}:${pupilId}`);
      if (v !== undefined) return v;
    }
    return '';
  };
  yield { kind: 'pageBreak' };
  yield { kind: 'text', text: 'СВОДНАЯ ВЕДОМОСТЬ УСПЕВАЕМОСТИ', size: 13, bold: true, center: true };
  yield { kind: 'text', text: `${d.cls.name} класс, ${d.cls.year_name} учебный год`, size: 8, center: true, after: 8 };
  for (const group of chunk(subjects, SUBJECTS_PER_TABLE)) {
    const header = ['Ученик', ...group.flatMap(() => [...d.terms.map((t, i) => shortTerm(t.name, i)), 'год'])];
    const groups = [{ text: '', span: 1 }, ...group.map(([, s]) => ({ text: s, span: d.terms.length + 1 }))];
    const rows = d.pupils.map((p) => [pupilName(p), ...group.flatMap(([id]) => [...d.terms.map((t) => mark(p.id, id, t.id)), mark(p.id, id, 'year')])]);
    yield { kind: 'table', widths: [NAME_WIDTH, ...header.slice(1).map(() => SHEET_CELL_WIDTH)], header, groups, rows, size: GRID_SIZE };
  }
  yield { kind: 'signature' };
}

function* classArchiveBlocks(d: ClassData): Generator<Block> {
  yield* coverPage(d);
  for (const course of d.courses) yield* courseJournal(d, course);
  yield* summarySheet(d);
}

/** Builds the class's archive into `file`; returns the number of pages. */
export async function writeClassArchive(ctx: AppContext, cls: q.ClassRow, file: string): Promise<{ pages: number }> {
  const data = await classData(ctx, cls);
  return writePages(
    file,
    { title: `Классный журнал ${cls.name}, ${cls.year_name}`, footer: (page, total) => `${cls.name}, ${cls.year_name}. Стр. ${page} из ${total}` },
    () => classArchiveBlocks(data),
  );
}
