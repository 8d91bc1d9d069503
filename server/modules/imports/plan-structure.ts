/**
 * Classes, courses and timetable rows: checked against the file and the
 * school's current academic year, resolved to the stored class, group,
 * subject, teacher and course they name.
 */
import type { ImportProblemCode } from '../../../shared/imports.js';
import { fullNameKey, parseClassName, parseWeekday, parseWholeNumber, type ParsedRow } from './rows.js';
import { courseKey, type Snapshot } from './snapshot.js';

type Report = (row: number, key: string, code: ImportProblemCode, value?: string) => void;

export interface ClassPlan {
  row: number;
  classId: number | null;
  grade: number;
  letter: string;
  name: string;
  shift: number;
  classTeacherPersonId: number | null;
}

export interface CoursePlan {
  row: number;
  classId: number;
  /** null: no group; a string: a group to create in the class. */
  groupId: number | null;
  newGroupName: string | null;
  subjectId: number | null;
  newSubjectName: string | null;
  teacherPersonId: number;
  hoursPerWeek: number;
  courseId: number | null;
}

export interface SlotPlan {
  row: number;
  courseId: number;
  weekday: number;
  number: number;
  room: string;
}

/** Finds a teacher among the school's staff by external id, full name, or surname with initials («Иванова М.П.»). */
export function teacherFinder(snap: Snapshot) {
  const byKey = new Map<string, number[]>();
  const add = (key: string, id: number) => {
    const list = byKey.get(key) ?? [];
    if (!list.includes(id)) list.push(id);
    byKey.set(key, list);
  };
  for (const s of snap.staff) {
    if (s.externalId) add(`id:${s.externalId.toLowerCase()}`, s.personId);
    add(norm(`${s.surname} ${s.name} ${s.patronymic}`), s.personId);
    add(norm(`${s.surname} ${s.name[0] ?? ''}${s.patronymic[0] ?? ''}`), s.personId);
  }
  return (text: string): number | 'unknown' | 'ambiguous' => {
    const hits = byKey.get(`id:${text.toLowerCase()}`) ?? byKey.get(norm(text)) ?? byKey.get(norm(text.replace(/\./g, ''))) ?? [];
    if (hits.length === 0) return 'unknown';
    return hits.length > 1 ? 'ambiguous' : hits[0]!;
  };
}

function norm(text: string): string {
  return fullNameKey({ surname: text.replace(/[.\s]+/g, ' ').trim(), name: '', patronymic: '' });
}

function resolveClass(row: ParsedRow, snap: Snapshot, report: Report) {
  const text = row.cells.class ?? '';
  if (!text) return (report(row.row, 'class', 'required'), null);
  const parsed = parseClassName(text);
  if (!parsed) return (report(row.row, 'class', 'bad_class_name', text), null);
  const cls = snap.classes.get(parsed.name);
  if (!cls) return (report(row.row, 'class', 'unknown_class', text), null);
  return cls;
}

function resolveTeacher(row: ParsedRow, find: ReturnType<typeof teacherFinder>, report: Report, key = 'teacher') {
  const text = row.cells[key] ?? '';
  const hit = find(text);
  if (hit === 'unknown') return (report(row.row, key, 'unknown_teacher', text), null);
  if (hit === 'ambiguous') return (report(row.row, key, 'ambiguous_teacher', text), null);
  return hit;
}

export function planClasses(rows: ParsedRow[], snap: Snapshot, report: Report): ClassPlan[] {
  const find = teacherFinder(snap);
  const seen = new Map<string, number>();
  const plans: ClassPlan[] = [];
  for (const row of rows) {
    const c = row.cells;
    let ok = true;
    const parsed = c.class ? parseClassName(c.class) : null;
    if (!c.class) (report(row.row, 'class', 'required'), (ok = false));
    else if (!parsed) (report(row.row, 'class', 'bad_class_name', c.class), (ok = false));
    else if (seen.has(parsed.name)) (report(row.row, 'class', 'duplicate_in_file', `${c.class} (${seen.get(parsed.name)})`), (ok = false));
    else seen.set(parsed.name, row.row);
    const shift = c.shift ? parseWholeNumber(c.shift, 1, 3) : 1;
    if (shift === null) (report(row.row, 'shift', 'bad_number', c.shift), (ok = false));
    let teacher: number | null = null;
    if (c.classTeacher) {
      teacher = resolveTeacher(row, find, report, 'classTeacher');
      if (teacher === null) ok = false;
    }
    if (ok && parsed) {
      const stored = snap.classes.get(parsed.name);
      plans.push({ row: row.row, classId: stored?.id ?? null, ...parsed, shift: shift!, classTeacherPersonId: teacher });
    }
  }
  return plans;
}

export function planCourses(rows: ParsedRow[], snap: Snapshot, report: Report): CoursePlan[] {
  const find = teacherFinder(snap);
  const seen = new Map<string, number>();
  const plans: CoursePlan[] = [];
  for (const row of rows) {
    const c = row.cells;
    let ok = true;
    const cls = resolveClass(row, snap, report);
    if (!cls) ok = false;
    if (!c.subject) (report(row.row, 'subject', 'required'), (ok = false));
    if (!c.teacher) (report(row.row, 'teacher', 'required'), (ok = false));
    const teacher = c.teacher ? resolveTeacher(row, find, report) : null;
    if (teacher === null) ok = false;
    const hours = c.hours ? parseWholeNumber(c.hours, 0, 40) : 1;
    if (hours === null) (report(row.row, 'hours', 'bad_number', c.hours), (ok = false));
    if (!ok || !cls) continue;
    const groupName = c.group ?? '';
    const groupId = groupName ? (snap.groups.get(`${cls.id}|${groupName.toLowerCase()}`) ?? null) : null;
    const subjectId = snap.subjects.get(c.subject!.toLowerCase()) ?? null;
    const key = `${cls.id}|${groupName.toLowerCase()}|${c.subject!.toLowerCase()}|${teacher}`;
    if (seen.has(key)) {
      report(row.row, 'subject', 'duplicate_in_file', `${c.class} ${c.subject} (${seen.get(key)})`);
      continue;
    }
    seen.set(key, row.row);
    const course = groupName && groupId === null ? undefined : subjectId === null ? undefined : snap.courses.get(courseKey(cls.id, groupId, subjectId));
    plans.push({
      row: row.row,
      classId: cls.id,
      groupId,
      newGroupName: groupName && groupId === null ? groupName : null,
      subjectId,
      newSubjectName: subjectId === null ? c.subject! : null,
      teacherPersonId: teacher!,
      hoursPerWeek: hours!,
      courseId: course?.id ?? null,
    });
  }
  return plans;
}

export function planTimetable(rows: ParsedRow[], snap: Snapshot, report: Report): SlotPlan[] {
  const find = teacherFinder(snap);
  const seen = new Map<string, number>();
  const plans: SlotPlan[] = [];
  for (const row of rows) {
    const c = row.cells;
    let ok = true;
    const cls = resolveClass(row, snap, report);
    if (!cls) ok = false;
    const weekday = c.weekday ? parseWeekday(c.weekday) : null;
    if (!c.weekday) (report(row.row, 'weekday', 'required'), (ok = false));
    else if (weekday === null) (report(row.row, 'weekday', 'bad_weekday', c.weekday), (ok = false));
    const number = c.number ? parseWholeNumber(c.number, 0, 12) : null;
    if (!c.number) (report(row.row, 'number', 'required'), (ok = false));
    else if (number === null) (report(row.row, 'number', 'bad_number', c.number), (ok = false));
    let groupId: number | null = null;
    if (cls && c.group) {
      groupId = snap.groups.get(`${cls.id}|${c.group.toLowerCase()}`) ?? null;
      if (groupId === null) (report(row.row, 'group', 'unknown_group', c.group), (ok = false));
    }
    const subjectId = c.subject ? (snap.subjects.get(c.subject.toLowerCase()) ?? null) : null;
    if (!c.subject) (report(row.row, 'subject', 'required'), (ok = false));
    else if (subjectId === null) (report(row.row, 'subject', 'unknown_subject', c.subject), (ok = false));
    let teacher: number | null = null;
    if (c.teacher) {
      teacher = resolveTeacher(row, find, report);
      if (teacher === null) ok = false;
    }
    if (!ok || !cls) continue;
    const course = snap.courses.get(courseKey(cls.id, groupId, subjectId!));
    if (!course || (teacher !== null && !course.teacherIds.includes(teacher))) {
      report(row.row, 'subject', 'unknown_course', `${c.class} ${c.group ?? ''} ${c.subject} ${c.teacher ?? ''}`.replace(/\s+/g, ' ').trim());
      continue;
    }
    const key = `${course.id}|${weekday}|${number}`;
    if (seen.has(key)) {
      report(row.row, 'number', 'duplicate_in_file', `${c.weekday} ${c.number} (${seen.get(key)})`);
      continue;
    }
    seen.set(key, row.row);
    plans.push({ row: row.row, courseId: course.id, weekday: weekday!, number: number!, room: c.room ?? '' });
  }
  return plans;
}
