/**
 * The year-end archive of a class (АП-147/07: the journal kept on paper as
 * well): the printable journal of each course — every lesson with its topic
 * and homework, the marks and attendance grid, term and year marks — and the
 * сводная ведомость успеваемости (pupils × subjects × term and year marks),
 * with numbered pages and places for the director's signature and the seal.
 * One class is built and streamed to its file at a time, so memory stays
 * bounded by the largest class, not the school.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { AppContext } from '../../context.js';
import { attendanceLabel, type AttendanceCode } from '../../../shared/journal/marks.js';
import type { Cell, DocTable } from './document.js';
import { signatureBlock, table, writePdf } from './pdf.js';
import * as q from './reports.queries.js';
import { fullName } from './results.js';

const LESSONS_PER_TABLE = 18;
const SUBJECTS_PER_TABLE = 4;

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
}

const dm = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

/** The archive document of one class for its academic year. */
export async function classArchiveDefinition(ctx: AppContext, cls: q.ClassRow): Promise<TDocumentDefinitions> {
  const db = ctx.db.kysely;
  const from = cls.year_starts;
  const to = cls.year_ends;
  const terms = (await q.termsOfYear(db, cls.academic_year_id)).filter((t) => t.grade_from <= cls.grade && t.grade_to >= cls.grade);
  const [members, courses] = await Promise.all([q.classPupils(db, cls.id, from, to), q.classCourses(db, [cls.id])]);
  const pupils = members.filter((p, i) => members.findIndex((o) => o.id === p.id) === i);
  const courseIds = courses.map((c) => c.id);
  const [teachers, termRows, yearRows, groupRows, classTeacher] = await Promise.all([
    q.teacherNames(db, courseIds),
    q.termMarks(db, courseIds, terms.map((t) => t.id)),
    q.yearMarks(db, courseIds, cls.academic_year_id),
    q.groupMembers(db, [...new Set(courses.map((c) => c.group_id).filter((g): g is number => g !== null))]),
    cls.class_teacher_person_id ? q.findPerson(db, cls.class_teacher_person_id) : Promise.resolve(undefined),
  ]);

  const content: Content[] = [
    { text: cls.school_name, alignment: 'center', fontSize: 12, margin: [0, 120, 0, 20] },
    { text: 'КЛАССНЫЙ ЖУРНАЛ', alignment: 'center', fontSize: 22, bold: true },
    { text: `${cls.name} класс, ${cls.year_name} учебный год`, alignment: 'center', fontSize: 14, margin: [0, 10, 0, 10] },
    { text: 'Архивная копия электронного журнала на бумажном носителе', alignment: 'center', fontSize: 10 },
    ...(classTeacher ? [{ text: `Классный руководитель: ${fullName(classTeacher)}`, alignment: 'center' as const, margin: [0, 20, 0, 0] as [number, number, number, number] }] : []),
    { text: `Учеников: ${pupils.length}. Предметов: ${new Set(courses.map((c) => c.subject_id)).size}.`, alignment: 'center', margin: [0, 6, 0, 0] },
  ];

  // Each course's journal, one course at a time.
  for (const course of courses) {
    const own = course.group_id
      ? pupils.filter((p) => groupRows.some((g) => g.group_id === course.group_id && g.student_person_id === p.id))
      : pupils;
    const [lessons, marks, attendance] = await Promise.all([q.lessonsOf(db, [course.id], from, to), q.marksOf(db, [course.id], from, to), q.attendanceOf(db, [course.id], from, to)]);
    const cell = new Map<string, string[]>();
    const put = (key: string, text: string) => cell.set(key, [...(cell.get(key) ?? []), text]);
    for (const a of attendance) put(`${a.lesson_id}:${a.student_person_id}`, attendanceLabel[a.code as AttendanceCode]);
    for (const m of marks) put(`${m.lesson_id}:${m.student_person_id}`, m.value);
    const name = course.group_name ? `${course.subject} (${course.group_name})` : course.subject;
    const section: Content[] = [{ text: `${name} — ${cls.name}`, fontSize: 13, bold: true }, { text: `Учитель: ${(teachers.get(course.id) ?? []).join(', ') || '—'}`, margin: [0, 0, 0, 6] }];
    for (const term of terms) {
      const termLessons = lessons.filter((l) => l.term_id === term.id);
      const termMark = new Map(termRows.filter((r) => r.course_id === course.id && r.term_id === term.id).map((r) => [r.student_person_id, r.value]));
      const parts = chunk(termLessons, LESSONS_PER_TABLE);
      parts.forEach((part, i) => {
        const last = i === parts.length - 1;
        const t: DocTable = {
          title: i === 0 ? term.name : undefined,
          columns: ['Ученик', ...part.map((l) => dm(l.date)), ...(last ? ['Итог'] : [])],
          rows: own.map((p) => [fullName({ surname: p.surname, name: p.name }), ...part.map((l) => (cell.get(`${l.id}:${p.id}`) ?? []).join(' ')), ...(last ? [termMark.get(p.id) ?? ''] : [])] as Cell[]),
        };
        section.push(table(t, 7, { first: 120, other: 30 }));
      });
      if (termLessons.length > 0) {
        section.push(table({ title: `${term.name}: темы уроков и домашние задания`, columns: ['Дата', '№', 'Тема урока', 'Домашнее задание'], rows: termLessons.map((l) => [l.date, l.number, l.topic || '—', l.homework || '—']), firstColumnWide: false }, 7, { first: 50, other: 330 }));
      }
    }
    const yearMark = new Map(yearRows.filter((r) => r.course_id === course.id).map((r) => [r.student_person_id, r.value]));
    if (yearMark.size > 0) section.push(table({ title: 'Годовые отметки', columns: ['Ученик', 'Год'], rows: own.map((p) => [fullName({ surname: p.surname, name: p.name }), yearMark.get(p.id) ?? '']) }, 7));
    content.push({ stack: section, pageBreak: 'before' });
  }

  // Сводная ведомость успеваемости: pupils × subjects × terms and year.
  const subjects = [...new Map(courses.map((c) => [c.subject_id, c.subject])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'ru'));
  const subjectOf = new Map(courses.map((c) => [c.id, c.subject_id]));
  const mark = new Map<string, string>();
  for (const r of termRows) mark.set(`${r.student_person_id}:${subjectOf.get(r.course_id)}:${r.term_id}`, r.value);
  for (const r of yearRows) mark.set(`${r.student_person_id}:${subjectOf.get(r.course_id)}:year`, r.value);
  const sheet: Content[] = [{ text: 'СВОДНАЯ ВЕДОМОСТЬ УСПЕВАЕМОСТИ', fontSize: 13, bold: true, alignment: 'center' }, { text: `${cls.name} класс, ${cls.year_name} учебный год`, alignment: 'center', margin: [0, 0, 0, 8] }];
  const shortTerm = (name: string, i: number) => (/^\d/.test(name) ? name.split(' ')[0]! : String(i + 1));
  for (const group of chunk(subjects, SUBJECTS_PER_TABLE)) {
    const columns = ['Ученик', ...group.flatMap(([, s]) => [...terms.map((t, i) => `${s.slice(0, 14)}: ${shortTerm(t.name, i)}`), `${s.slice(0, 14)}: год`])];
    const rows = pupils.map((p) => [fullName({ surname: p.surname, name: p.name }), ...group.flatMap(([id]) => [...terms.map((t) => mark.get(`${p.id}:${id}:${t.id}`) ?? ''), mark.get(`${p.id}:${id}:year`) ?? ''])] as Cell[]);
    sheet.push(table({ columns, rows }, 7, { first: 120, other: 30 }));
  }
  sheet.push(signatureBlock());
  content.push({ stack: sheet, pageBreak: 'before' });

  return {
    info: { title: `Классный журнал ${cls.name}, ${cls.year_name}`, creator: 'Otmetka' },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 34],
    defaultStyle: { font: 'Roboto', fontSize: 8 },
    footer: (current: number, total: number) => ({ text: `${cls.name}, ${cls.year_name}. Стр. ${current} из ${total}`, alignment: 'center', fontSize: 7, margin: [0, 10, 0, 0] }),
    content,
  };
}

export async function writeClassArchive(ctx: AppContext, cls: q.ClassRow, file: string): Promise<void> {
  await writePdf(await classArchiveDefinition(ctx, cls), file);
}
