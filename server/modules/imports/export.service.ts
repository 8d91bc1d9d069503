/**
 * Exports of a school's lists as XLSX with the import's own Russian headers,
 * so that an exported file, edited or not, imports back unchanged.
 */
import type { AppContext } from '../../context.js';
import type { Actor } from '../../policy/actor.js';
import { localDateOf } from '../../../shared/dates.js';
import { importColumns, type ImportKind } from '../../../shared/imports.js';
import * as eq from './export.queries.js';
import { schoolInScope } from './imports.service.js';
import * as q from './imports.queries.js';
import { writeXlsx } from './xlsx.js';

const ROLE_WORDS: Record<string, string> = { director: 'директор', school_admin: 'администратор', deputy: 'завуч', teacher: 'учитель' };
const RELATION_WORDS: Record<string, string> = { mother: 'мать', father: 'отец', other: 'опекун' };
const SHEET_NAMES: Record<ImportKind, string> = { students: 'Ученики', staff: 'Сотрудники', classes: 'Классы', courses: 'Нагрузка', timetable: 'Расписание' };

const fullName = (p: { surname: string; name: string; patronymic: string }) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');

export async function exportList(ctx: AppContext, actor: Actor, schoolId: number, kind: ImportKind): Promise<{ filename: string; bytes: Buffer }> {
  await schoolInScope(ctx, actor, schoolId, 'exports.read');
  const db = ctx.db.kysely;
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const year = await q.currentYear(db, schoolId, today);
  const rows = await rowsFor(ctx, kind, schoolId, year?.id ?? null);
  const header = importColumns[kind].map((c) => c.ru);
  const bytes = await writeXlsx([{ name: SHEET_NAMES[kind], header, rows }]);
  return { filename: `${kind}-${schoolId}-${today}.xlsx`, bytes };
}

async function teacherNames(ctx: AppContext, ids: number[]) {
  const people = await eq.personNames(ctx.db.kysely, [...new Set(ids)]);
  return new Map(people.map((p) => [p.id, fullName(p)]));
}

async function rowsFor(ctx: AppContext, kind: ImportKind, schoolId: number, yearId: number | null): Promise<string[][]> {
  const db = ctx.db.kysely;
  if (kind === 'staff') {
    const [staff, grants] = await Promise.all([eq.currentStaff(db, schoolId), eq.staffRoles(db, schoolId)]);
    const rolesOf = new Map<number, string[]>();
    for (const g of grants) if (ROLE_WORDS[g.role]) rolesOf.set(g.person_id, [...(rolesOf.get(g.person_id) ?? []), ROLE_WORDS[g.role]!]);
    return staff.map((s) => [s.external_id ?? '', s.surname, s.name, s.patronymic, s.birth_date ?? '', s.position, (rolesOf.get(s.id) ?? ['учитель']).join(', '), s.phone ?? '', s.email ?? '']);
  }
  if (yearId === null) return [];
  if (kind === 'students') {
    const pupils = await eq.currentPupils(db, schoolId, yearId);
    const guardians = await eq.guardiansOf(db, schoolId, pupils.map((p) => p.id));
    const byStudent = new Map<number, typeof guardians>();
    for (const g of guardians) byStudent.set(g.student_person_id, [...(byStudent.get(g.student_person_id) ?? []), g]);
    return pupils.map((p) => {
      const gs = (byStudent.get(p.id) ?? []).slice(0, 2);
      const gCells = [0, 1].flatMap((i) => {
        const g = gs[i];
        return g ? [g.surname, g.name, g.patronymic, RELATION_WORDS[g.relation] ?? '', g.phone ?? '', g.email ?? ''] : ['', '', '', '', '', ''];
      });
      return [p.external_id ?? '', p.surname, p.name, p.patronymic, p.birth_date ?? '', p.class_name, ...gCells];
    });
  }
  if (kind === 'classes') {
    const classes = await q.classesOfYear(db, schoolId, yearId);
    const names = await teacherNames(ctx, classes.map((c) => c.class_teacher_person_id).filter((id): id is number => id !== null));
    return classes.map((c) => [c.name, String(c.shift), c.class_teacher_person_id ? (names.get(c.class_teacher_person_id) ?? '') : '']);
  }
  if (kind === 'courses') {
    const courses = await eq.coursesWithNames(db, schoolId, yearId);
    const names = await teacherNames(ctx, courses.map((c) => c.teacher_person_id).filter((id): id is number => id !== null));
    return courses.map((c) => [c.class_name, c.group_name ?? '', c.subject_name, c.teacher_person_id ? (names.get(c.teacher_person_id) ?? '') : '', String(c.hours_per_week)]);
  }
  const [slots, courses] = await Promise.all([q.timetableRows(db, schoolId, yearId), eq.coursesWithNames(db, schoolId, yearId)]);
  const firstTeacher = new Map<number, number>();
  for (const c of courses) if (c.teacher_person_id !== null && !firstTeacher.has(c.id)) firstTeacher.set(c.id, c.teacher_person_id);
  const names = await teacherNames(ctx, [...firstTeacher.values()]);
  return slots.map((s) => {
    const teacher = firstTeacher.get(s.course_id);
    return [s.class_name, s.group_name ?? '', String(s.weekday), String(s.number), s.subject_name, teacher ? (names.get(teacher) ?? '') : '', s.room];
  });
}
