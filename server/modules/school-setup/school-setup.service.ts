import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import type { Permission } from '../../policy/permissions.js';
import { assertCan, assertCanReadSchoolWide } from '../../policy/policy.js';
import * as structure from '../structure/structure.service.js';
import { localDateOf } from '../../../shared/dates.js';
import type {
  BellsBody,
  CalendarBody,
  CreateClassBody,
  CoursePage,
  CoursesQuery,
  CreateCourseBody,
  CreateYearBody,
  SubjectBody,
  UpdateClassBody,
  UpdateCourseBody,
  UpdateSubjectBody,
} from '../../../shared/contracts/school-setup.js';
import { checkCalendar, standardCalendar, termKindNames } from './calendar.js';
import * as q from './school-setup.queries.js';
import * as courseList from './course-list.queries.js';
import { pageWindow, searchWords } from '../../../shared/contracts/paging.js';

type Db = AppContext['db']['kysely'];

export const fullName = (p: { surname: string | null; name?: string | null; teacher_name?: string | null; patronymic: string | null }) =>
  [p.surname, p.name ?? p.teacher_name, p.patronymic].filter(Boolean).join(' ');

export function today(ctx: AppContext): string {
  return localDateOf(ctx.clock.now(), ctx.config.timeZone);
}

/** The school's place in the hierarchy, after checking the actor may use the permission there (404 otherwise). */
export async function schoolTarget(ctx: AppContext, actor: Actor, permission: Permission, schoolId: number, field = '/params/schoolId') {
  const scope = await structure.schoolScope(ctx, schoolId);
  if (!scope) throw new AppError('school_not_found', { field });
  if (permission === 'timetable.read') {
    const childSchools = actor.childIds.length ? await q.schoolsOfStudents(ctx.db.kysely, actor.childIds, today(ctx)) : [];
    assertCanReadSchoolWide(actor, permission, scope, childSchools);
  } else {
    assertCan(actor, permission, scope);
  }
  return scope;
}

export async function loadYear(ctx: AppContext, actor: Actor, permission: Permission, yearId: number, field = '/params/id') {
  const year = await q.findYear(ctx.db.kysely, yearId);
  if (!year) throw new AppError('not_found', { field });
  await schoolTarget(ctx, actor, permission, year.school_id, field);
  return year;
}

export async function loadClass(ctx: AppContext, actor: Actor, permission: Permission, classId: number, field = '/params/id') {
  const row = await q.findClass(ctx.db.kysely, classId);
  if (!row) throw new AppError('not_found', { field });
  await schoolTarget(ctx, actor, permission, row.school_id, field);
  return row;
}

function refuseCalendar(problem: ReturnType<typeof checkCalendar>) {
  if (problem) throw new AppError(problem.code, { field: problem.field, detail: problem.detail });
}

const termRow = (schoolId: number, yearId: number, t: CalendarBody['terms'][number]) => ({
  school_id: schoolId,
  academic_year_id: yearId,
  kind: t.kind,
  number: t.number,
  name: t.name?.trim() || `${t.number} ${termKindNames[t.kind]}`,
  starts_on: t.startsOn,
  ends_on: t.endsOn,
  grade_from: t.gradeFrom,
  grade_to: t.gradeTo,
});
const holidayRow = (schoolId: number, yearId: number, h: CalendarBody['holidays'][number]) => ({
  school_id: schoolId,
  academic_year_id: yearId,
  name: h.name.trim(),
  starts_on: h.startsOn,
  ends_on: h.endsOn,
  grade_from: h.gradeFrom,
  grade_to: h.gradeTo,
});

// ---- overview

export async function overview(ctx: AppContext, actor: Actor, schoolId: number) {
  await schoolTarget(ctx, actor, 'setup.manage', schoolId);
  const db = ctx.db.kysely;
  const [years, subjects, bells, staff] = await Promise.all([q.listYears(db, schoolId), q.listSubjects(db, schoolId), q.bellsOf(db, schoolId), q.listStaff(db, schoolId)]);
  const calendars = await Promise.all(years.map(async (y) => ({ ...yearView(y), ...(await calendarView(db, y.id)) })));
  const now = today(ctx);
  const thisYear = Number(now.slice(0, 4)) - (Number(now.slice(5, 7)) >= 7 ? 0 : 1);
  const taken = new Set(years.map((y) => y.name));
  const start = taken.has(`${thisYear}/${thisYear + 1}`) ? thisYear + 1 : thisYear;
  return {
    /** The standard calendar of the next year without one, to start the form from. */
    suggestedYear: standardCalendar(`${start}-09-01`),
    years: calendars,
    subjects: subjects.map(subjectView),
    bells: bells.map((b) => ({ shift: b.shift, number: b.number, startsAt: b.starts_at, endsAt: b.ends_at })),
    staff: staff.map((s) => ({ personId: s.personId, name: fullName(s), position: s.position })),
  };
}

const yearView = (y: { id: number; name: string; starts_on: string; ends_on: string }) => ({ id: y.id, name: y.name, startsOn: y.starts_on, endsOn: y.ends_on });

async function calendarView(db: Db, yearId: number) {
  const [terms, holidays] = await Promise.all([q.termsOf(db, yearId), q.holidaysOf(db, yearId)]);
  return {
    terms: terms.map((t) => ({ id: t.id, kind: t.kind, number: t.number, name: t.name, startsOn: t.starts_on, endsOn: t.ends_on, gradeFrom: t.grade_from, gradeTo: t.grade_to })),
    holidays: holidays.map((h) => ({ id: h.id, name: h.name, startsOn: h.starts_on, endsOn: h.ends_on, gradeFrom: h.grade_from, gradeTo: h.grade_to })),
  };
}

// ---- calendar

export async function createYear(ctx: AppContext, actor: Actor, schoolId: number, input: CreateYearBody) {
  await schoolTarget(ctx, actor, 'setup.manage', schoolId);
  refuseCalendar(checkCalendar(input, input.terms, input.holidays));
  const [from, to] = input.name.split('/').map(Number);
  if (to !== from! + 1 || Number(input.startsOn.slice(0, 4)) !== from) {
    throw new AppError('validation_failed', { field: '/body/name', detail: 'the name is the two calendar years, e.g. 2026/2027, and the year starts in the first' });
  }
  try {
    const id = await ctx.db.kysely.transaction().execute(async (trx) => {
      const { id } = await q.insertYear(trx, { school_id: schoolId, name: input.name, starts_on: input.startsOn, ends_on: input.endsOn });
      await q.insertTerms(trx, input.terms.map((t) => termRow(schoolId, id, t)));
      await q.insertHolidays(trx, input.holidays.map((h) => holidayRow(schoolId, id, h)));
      return id;
    });
    return { id, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, ...(await calendarView(ctx.db.kysely, id)) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('duplicate_name', { field: '/body/name' });
    throw error;
  }
}

/**
 * Replaces a year's terms and holidays. A term keeps its id (and its lessons)
 * when the new calendar has a term of the same grade range and number; a term
 * that disappears must not hold lessons.
 */
export async function replaceCalendar(ctx: AppContext, actor: Actor, yearId: number, input: CalendarBody) {
  const year = await loadYear(ctx, actor, 'setup.manage', yearId);
  refuseCalendar(checkCalendar({ startsOn: year.starts_on, endsOn: year.ends_on }, input.terms, input.holidays));
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await q.termsOf(trx, yearId);
    const key = (t: { grade_from: number; grade_to: number; number: number }) => `${t.grade_from}-${t.grade_to}-${t.number}`;
    const byKey = new Map(existing.map((t) => [key(t), t]));
    const kept = new Set<number>();
    const fresh = [];
    for (const t of input.terms) {
      const row = termRow(year.school_id, yearId, t);
      const old = byKey.get(key(row));
      if (old) {
        kept.add(old.id);
        await q.updateTerm(trx, old.id, { kind: row.kind, number: row.number, name: row.name, starts_on: row.starts_on, ends_on: row.ends_on });
      } else fresh.push(row);
    }
    const removed = existing.filter((t) => !kept.has(t.id)).map((t) => t.id);
    const used = await q.termsWithLessons(trx, removed);
    if (used.length) throw new AppError('calendar_in_use', { field: '/body/terms', detail: `terms ${used.join(', ')} hold lessons` });
    await q.deleteTerms(trx, removed);
    await q.insertTerms(trx, fresh);
    await q.deleteHolidaysOf(trx, yearId);
    await q.insertHolidays(trx, input.holidays.map((h) => holidayRow(year.school_id, yearId, h)));
  });
  return { ...yearView(year), ...(await calendarView(ctx.db.kysely, yearId)) };
}

// ---- classes

async function assertStaff(db: Db, schoolId: number, personId: number, field: string) {
  if (!(await q.isStaff(db, schoolId, personId))) throw new AppError('not_school_staff', { field });
}

export async function listClasses(ctx: AppContext, actor: Actor, yearId: number) {
  const year = await loadYear(ctx, actor, 'timetable.read', yearId);
  const rows = await q.listClasses(ctx.db.kysely, year.id, today(ctx));
  return rows.map((c) => ({
    id: c.id,
    grade: c.grade,
    letter: c.letter,
    name: c.name,
    shift: c.shift,
    classTeacher: c.class_teacher_person_id ? { personId: c.class_teacher_person_id, name: fullName(c) } : null,
    students: Number(c.students ?? 0),
  }));
}

export async function createClass(ctx: AppContext, actor: Actor, yearId: number, input: CreateClassBody) {
  const year = await loadYear(ctx, actor, 'setup.manage', yearId);
  const db = ctx.db.kysely;
  if (input.classTeacherPersonId) await assertStaff(db, year.school_id, input.classTeacherPersonId, '/body/classTeacherPersonId');
  const name = `${input.grade}${input.letter}`;
  try {
    const id = await db.transaction().execute(async (trx) => {
      const { id } = await q.insertClass(trx, {
        school_id: year.school_id,
        academic_year_id: yearId,
        grade: input.grade,
        letter: input.letter,
        name,
        shift: input.shift ?? 1,
        class_teacher_person_id: input.classTeacherPersonId ?? null,
      });
      if (input.classTeacherPersonId) {
        await q.grantClassTeacher(trx, { personId: input.classTeacherPersonId, schoolId: year.school_id, classId: id, grantedBy: actor.personId || null, at: ctx.clock.now().toISOString() });
      }
      return id;
    });
    return { id, grade: input.grade, letter: input.letter, name, shift: input.shift ?? 1, classTeacherPersonId: input.classTeacherPersonId ?? null };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('duplicate_name', { field: '/body/letter', detail: `${name} already exists in ${year.name}` });
    throw error;
  }
}

/** Changes the shift or the class teacher; a new class teacher's grant replaces the old one in the same transaction. */
export async function updateClass(ctx: AppContext, actor: Actor, classId: number, input: UpdateClassBody) {
  const cls = await loadClass(ctx, actor, 'setup.manage', classId);
  const db = ctx.db.kysely;
  const teacher = input.classTeacherPersonId;
  if (teacher) await assertStaff(db, cls.school_id, teacher, '/body/classTeacherPersonId');
  await db.transaction().execute(async (trx) => {
    await q.updateClass(trx, classId, { ...(input.shift !== undefined ? { shift: input.shift } : {}), ...(teacher !== undefined ? { class_teacher_person_id: teacher } : {}) });
    if (teacher !== undefined && teacher !== cls.class_teacher_person_id) {
      const at = ctx.clock.now().toISOString();
      await q.revokeClassTeacher(trx, { schoolId: cls.school_id, classId, revokedBy: actor.personId || null, at });
      if (teacher !== null) await q.grantClassTeacher(trx, { personId: teacher, schoolId: cls.school_id, classId, grantedBy: actor.personId || null, at });
    }
  });
  return classDetail(ctx, actor, classId);
}

export async function classDetail(ctx: AppContext, actor: Actor, classId: number) {
  const cls = await loadClass(ctx, actor, 'setup.manage', classId);
  const db = ctx.db.kysely;
  const date = today(ctx);
  const [members, groups, courses, teacher] = await Promise.all([
    q.classMembersOn(db, classId, date),
    q.groupsOf(db, classId),
    q.listCourses(db, cls.academic_year_id, classId),
    cls.class_teacher_person_id ? q.personNames(db, [cls.class_teacher_person_id]) : Promise.resolve([]),
  ]);
  const groupMembers = await q.groupMembersOn(db, groups.map((g) => g.id), date);
  return {
    id: cls.id,
    academicYearId: cls.academic_year_id,
    grade: cls.grade,
    letter: cls.letter,
    name: cls.name,
    shift: cls.shift,
    classTeacher: teacher[0] ? { personId: teacher[0].id, name: fullName(teacher[0]) } : null,
    students: members.map((m) => ({ personId: m.personId, name: fullName(m), fromDate: m.from_date })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, studentIds: groupMembers.filter((m) => m.group_id === g.id).map((m) => m.student_person_id) })),
    courses: courses.map((c) => ({ id: c.id, subject: c.subject, groupId: c.group_id, groupName: c.group_name, hoursPerWeek: c.hours_per_week, teacherIds: c.teacherIds })),
  };
}

// ---- subjects

const subjectView = (s: { id: number; name: string; short_name: string; double_marks: number; pass_fail: number; no_marks_grade1: number }) => ({
  id: s.id,
  name: s.name,
  shortName: s.short_name,
  doubleMarks: s.double_marks === 1,
  passFail: s.pass_fail === 1,
  noMarksGrade1: s.no_marks_grade1 === 1,
});

export async function createSubject(ctx: AppContext, actor: Actor, schoolId: number, input: SubjectBody) {
  await schoolTarget(ctx, actor, 'setup.manage', schoolId);
  const row = {
    school_id: schoolId,
    name: input.name.trim(),
    short_name: input.shortName?.trim() || input.name.trim().slice(0, 20),
    double_marks: input.doubleMarks ? 1 : 0,
    pass_fail: input.passFail ? 1 : 0,
    no_marks_grade1: input.noMarksGrade1 === false ? 0 : 1,
  };
  try {
    const { id } = await q.insertSubject(ctx.db.kysely, row);
    return subjectView({ id, ...row });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('duplicate_name', { field: '/body/name' });
    throw error;
  }
}

export async function updateSubject(ctx: AppContext, actor: Actor, subjectId: number, input: UpdateSubjectBody) {
  const db = ctx.db.kysely;
  const subject = await q.findSubject(db, subjectId);
  if (!subject) throw new AppError('not_found', { field: '/params/id' });
  await schoolTarget(ctx, actor, 'setup.manage', subject.school_id, '/params/id');
  const patch = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.shortName !== undefined ? { short_name: input.shortName.trim() } : {}),
    ...(input.doubleMarks !== undefined ? { double_marks: input.doubleMarks ? 1 : 0 } : {}),
    ...(input.passFail !== undefined ? { pass_fail: input.passFail ? 1 : 0 } : {}),
    ...(input.noMarksGrade1 !== undefined ? { no_marks_grade1: input.noMarksGrade1 ? 1 : 0 } : {}),
  };
  try {
    await q.updateSubject(db, subjectId, patch);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('duplicate_name', { field: '/body/name' });
    throw error;
  }
  return subjectView((await q.findSubject(db, subjectId))!);
}

// ---- courses

/** A page of a year's courses for the courses tab (a school of 1 000 pupils has several hundred). */
export async function listCourses(ctx: AppContext, actor: Actor, yearId: number, query: CoursesQuery = {}): Promise<CoursePage> {
  const year = await loadYear(ctx, actor, 'timetable.read', yearId);
  const db = ctx.db.kysely;
  const window = pageWindow(query);
  const [courses, total] = await courseList.pageCourses(db, ctx.db.dialect, { yearId: year.id, classId: query.classId, words: searchWords(query.q), limit: window.limit, offset: window.offset });
  const teachers = await courseList.teachersOfCourses(db, courses.map((c) => c.id));
  const names = new Map((await q.personNames(db, [...new Set(teachers.map((t) => t.teacher_person_id))])).map((p) => [p.id, fullName(p)]));
  return {
    total: Number(total.n),
    page: window.page,
    pageSize: window.pageSize,
    items: courses.map((c) => ({
      id: c.id,
      classId: c.class_id,
      className: c.class_name,
      groupId: c.group_id,
      groupName: c.group_name,
      subjectId: c.subject_id,
      subject: c.subject,
      hoursPerWeek: c.hours_per_week,
      teachers: teachers.filter((t) => t.course_id === c.id).map((t) => ({ personId: t.teacher_person_id, name: names.get(t.teacher_person_id) ?? '' })),
    })),
  };
}

export async function createCourse(ctx: AppContext, actor: Actor, yearId: number, input: CreateCourseBody) {
  const year = await loadYear(ctx, actor, 'setup.manage', yearId);
  const db = ctx.db.kysely;
  const cls = await q.findClass(db, input.classId);
  if (!cls || cls.academic_year_id !== yearId) throw new AppError('reference_invalid', { field: '/body/classId' });
  if (input.groupId) {
    const group = await q.findGroup(db, input.groupId);
    if (!group || group.class_id !== cls.id) throw new AppError('reference_invalid', { field: '/body/groupId' });
  }
  const subject = await q.findSubject(db, input.subjectId);
  if (!subject || subject.school_id !== year.school_id) throw new AppError('reference_invalid', { field: '/body/subjectId' });
  for (const [i, t] of input.teacherPersonIds.entries()) await assertStaff(db, year.school_id, t, `/body/teacherPersonIds/${i}`);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await q.insertCourse(trx, { school_id: year.school_id, academic_year_id: yearId, class_id: cls.id, group_id: input.groupId ?? null, subject_id: subject.id, hours_per_week: input.hoursPerWeek });
    await q.setCourseTeachers(trx, year.school_id, id, input.teacherPersonIds);
    return id;
  });
  return { id, classId: cls.id, groupId: input.groupId ?? null, subjectId: subject.id, hoursPerWeek: input.hoursPerWeek, teacherPersonIds: input.teacherPersonIds };
}

export async function updateCourse(ctx: AppContext, actor: Actor, courseId: number, input: UpdateCourseBody) {
  const db = ctx.db.kysely;
  const course = await q.findCourse(db, courseId);
  if (!course) throw new AppError('not_found', { field: '/params/id' });
  await schoolTarget(ctx, actor, 'setup.manage', course.school_id, '/params/id');
  const teachers = input.teacherPersonIds;
  if (teachers) for (const [i, t] of teachers.entries()) await assertStaff(db, course.school_id, t, `/body/teacherPersonIds/${i}`);
  await db.transaction().execute(async (trx) => {
    if (input.hoursPerWeek !== undefined) await q.updateCourseHours(trx, courseId, input.hoursPerWeek);
    if (teachers) await q.setCourseTeachers(trx, course.school_id, courseId, teachers);
  });
  return { id: courseId, hoursPerWeek: input.hoursPerWeek ?? course.hours_per_week, teacherPersonIds: teachers ?? null };
}

// ---- bells

export async function replaceBells(ctx: AppContext, actor: Actor, schoolId: number, input: BellsBody) {
  await schoolTarget(ctx, actor, 'setup.manage', schoolId);
  const sorted = input.bells.map((b, i) => ({ ...b, i })).sort((a, b) => a.number - b.number);
  for (let k = 0; k < sorted.length; k++) {
    const b = sorted[k]!;
    if (b.startsAt >= b.endsAt) throw new AppError('bells_invalid', { field: `/body/bells/${b.i}/endsAt`, detail: 'a lesson ends after it starts' });
    const prev = sorted[k - 1];
    if (prev && prev.number === b.number) throw new AppError('bells_invalid', { field: `/body/bells/${b.i}/number`, detail: 'the lesson number is given twice' });
    if (prev && prev.endsAt > b.startsAt) throw new AppError('bells_invalid', { field: `/body/bells/${b.i}/startsAt`, detail: `lesson ${b.number} starts before lesson ${prev.number} ends` });
  }
  await ctx.db.kysely.transaction().execute((trx) =>
    q.replaceBells(trx, schoolId, input.shift, sorted.map((b) => ({ number: b.number, starts_at: b.startsAt, ends_at: b.endsAt }))),
  );
  return (await q.bellsOf(ctx.db.kysely, schoolId)).map((b) => ({ shift: b.shift, number: b.number, startsAt: b.starts_at, endsAt: b.ends_at }));
}
