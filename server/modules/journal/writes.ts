/**
 * Changes to cells: marks, attendance, term and year marks. Every change is checked
 * (scope, membership on the lesson's date, the scale, the term and its lock,
 * the version) before anything is written; then written with its audit record
 * and, after a lock, its correction — all in the batch transaction.
 */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertJournal, canWriteJournal } from '../../policy/journal.js';
import type { JournalChange, WriteBody, WriteResult } from '../../../shared/contracts/journal.js';
import { attendanceLabel, isMarkAllowed, isTermMarkAllowed, numericValue, type MarkScale } from '../../../shared/journal/marks.js';
import { daysInclusive, isLate } from '../../../shared/reports/timeliness.js';
import { localDateOf } from '../../../shared/dates.js';
import { defaultSchoolSettings, readSettings, type SchoolSettings } from '../../../shared/settings.js';
import * as q from './journal.queries.js';
import { assertHeld } from './lessons.js';
import * as yq from './year-marks.queries.js';
import type { BatchScope } from './write-queue.js';

export const cellKey = (lessonId: number, studentId: number) => `L${lessonId}:S${studentId}`;
export const termMarkKey = (courseId: number, termId: number, studentId: number) => `C${courseId}:T${termId}:S${studentId}`;
export const yearMarkKey = (courseId: number, yearId: number, studentId: number) => `C${courseId}:Y${yearId}:S${studentId}`;

type TermRow = NonNullable<Awaited<ReturnType<typeof q.findTerm>>>;

/** The terms of a year that apply to a grade (terms may differ by grade), in date order. */
export function termsForGrade<T extends Pick<TermRow, 'grade_from' | 'grade_to'>>(terms: T[], grade: number): T[] {
  return terms.filter((t) => t.grade_from <= grade && t.grade_to >= grade);
}

/** The terms of the course's year for its grade, read once per batch. */
function termsOfCourse(scope: BatchScope, course: q.CourseRow): Promise<TermRow[]> {
  return memo(scope, `terms:${course.id}`, async () => termsForGrade(await q.termsOfYear(scope.trx, course.school_id, course.academic_year_id), course.grade));
}

/** The last term of the course's year: its lock locks the year marks, its grid shows them. */
async function lastTermOf(scope: BatchScope, course: q.CourseRow): Promise<TermRow | undefined> {
  return (await termsOfCourse(scope, course)).at(-1);
}

export function scaleOf(row: { double_marks: number; pass_fail: number; no_marks_grade1: number; grade: number }, settings: SchoolSettings): MarkScale {
  return { plusMinus: settings.plusMinus, doubleMarks: row.double_marks === 1, passFail: row.pass_fail === 1, noMarks: row.no_marks_grade1 === 1 && row.grade === 1 };
}

const settingsByText = new Map<string, SchoolSettings>();

/**
 * A school's settings from their stored JSON, parsed once per distinct text
 * (the parse, with its deep copies of the defaults, showed in the write path's
 * profile). The result is shared: callers only read it.
 */
function schoolSettings(text: string | null): SchoolSettings {
  const key = text ?? '';
  let settings = settingsByText.get(key);
  if (!settings) {
    if (settingsByText.size >= 1000) settingsByText.clear();
    settings = readSettings(defaultSchoolSettings, text);
    settingsByText.set(key, settings);
  }
  return settings;
}

type WriteLesson = NonNullable<Awaited<ReturnType<typeof q.lessonForWrite.first>>>;

/**
 * The mark's work type: the one the change names, else the lesson's; undefined
 * when neither names one, null when the one named is not a work type of the
 * lesson's school. The lesson's own type comes with the lesson context; a type
 * named in the change is read once per batch.
 */
async function workTypeOf(scope: BatchScope, lesson: WriteLesson, named: number | null | undefined): Promise<{ id: number; weight: number } | null | undefined> {
  const id = named !== undefined ? named : lesson.work_type_id;
  if (id == null) return undefined;
  if (id === lesson.work_type_id && lesson.work_type_weight != null) return { id, weight: lesson.work_type_weight };
  const row = await memo(scope, `type:${lesson.school_id}:${id}`, () => q.workTypeOfSchool.first(scope.db, [id, lesson.school_id], scope.trx));
  return row ?? null;
}

async function memo<T>(scope: BatchScope, key: string, load: () => Promise<T>): Promise<T> {
  if (scope.memo.has(key)) return scope.memo.get(key) as T;
  const value = await load();
  scope.memo.set(key, value);
  return value;
}

/**
 * Late by the same rule as the deputy's control page (shared/reports/timeliness):
 * more than the threshold of the school's own lesson days after the lesson.
 * Only an entry more calendar days late than the threshold can be, so most need
 * no lookup. Whether more than `threshold` school days lie in (lesson, today]
 * depends only on the school's threshold + 1 latest school days up to today,
 * so only those are read (one short index walk instead of a year of lesson
 * dates: 4.7 ms per school at scale 0.1, paid by the first writes of every
 * school after a start), once per school and day per SCHOOL_DAYS_TTL_MS (the
 * rollout counter may lag a timetable change by that).
 */
async function isEnteredLate(scope: BatchScope, lesson: { school_id: number; date: string }, today: string, threshold: number): Promise<boolean> {
  if (daysInclusive(lesson.date, today) - 1 <= threshold) return false;
  return isLate(await latestSchoolDays(scope, lesson.school_id, today, threshold + 1), lesson.date, today, threshold);
}

const SCHOOL_DAYS_TTL_MS = 10 * 60_000;
const schoolDayCache = new WeakMap<object, Map<number, { today: string; count: number; at: number; days: string[] }>>();

/** The school's `count` latest school days up to today, ascending (as isLate takes them). */
async function latestSchoolDays(scope: BatchScope, schoolId: number, today: string, count: number): Promise<string[]> {
  let bySchool = schoolDayCache.get(scope.db);
  if (!bySchool) schoolDayCache.set(scope.db, (bySchool = new Map()));
  const cached = bySchool.get(schoolId);
  const now = Date.now();
  if (cached && cached.today === today && cached.count === count && now - cached.at < SCHOOL_DAYS_TTL_MS) return cached.days;
  const days = (await q.recentSchoolDaysOf(scope.db, schoolId, today, count, scope.trx)).reverse();
  bySchool.set(schoolId, { today, count, at: now, days });
  return days;
}

/** New marks feed the rollout counters once per school and day per batch (written with the batch, see write-queue). */
function countActivity(scope: BatchScope, schoolId: number, date: string, late: number): void {
  const key = `${schoolId}:${date}`;
  const counter = scope.activity.get(key) ?? { schoolId, date, marksEntered: 0, marksLate: 0 };
  counter.marksEntered += 1;
  counter.marksLate += late;
  scope.activity.set(key, counter);
}

type Planned = () => Promise<WriteResult['results'][number]>;

/** Checks one change and returns the function that writes it (nothing is written here). */
async function plan(ctx: AppContext, actor: Actor, scope: BatchScope, change: JournalChange, i: number): Promise<Planned> {
  const at = (f: string) => `/body/changes/${i}/${f}`;
  const db = scope.trx;
  if (change.kind === 'termMark') return planTermMark(ctx, actor, scope, change, at);
  if (change.kind === 'yearMark') return planYearMark(ctx, actor, scope, change, at);

  const lesson = await memo(scope, `lesson:${change.lessonId}`, () => q.lessonForWrite.first(ctx.db, [change.lessonId], db));
  if (!lesson) throw new AppError('not_found', { field: at('lessonId') });
  const target = { schoolId: lesson.school_id, classId: lesson.class_id, courseId: lesson.course_id, lessonTeacherIds: [lesson.teacher_person_id] };
  assertJournal(canWriteJournal(actor, target), at('lessonId'));
  assertHeld(lesson, at('lessonId'));
  if (lesson.date < lesson.starts_on || lesson.date > lesson.ends_on) throw new AppError('lesson_outside_term', { field: at('lessonId') });
  if (lesson.date > localDateOf(new Date(scope.now), ctx.config.timeZone)) throw new AppError('lesson_in_future', { field: at('lessonId') });
  const member = await memo(scope, `member:${lesson.id}:${change.studentId}`, () => q.isMember(ctx.db, lesson, change.studentId, lesson.date, db));
  if (!member) throw new AppError('student_not_in_course', { field: at('studentId') });
  const locked = await memo(scope, `lock:${lesson.term_id}:${lesson.course_id}`, () => q.isLocked(ctx.db, lesson.school_id, lesson.term_id, lesson.class_id, lesson.course_id, db));
  if (locked && !change.reason) throw new AppError('reason_required', { field: at('reason'), detail: 'the term is locked' });
  const settings = schoolSettings(lesson.settings);
  const key = cellKey(lesson.id, change.studentId);
  scope.touched.add(`${lesson.school_id}:${lesson.course_id}:${lesson.term_id}`);
  const flag = async (entity: string, seq: number, oldValue: string | null, newValue: string | null) => {
    if (!locked) return;
    await q.insertCorrection(db, {
      school_id: lesson.school_id, term_id: lesson.term_id, course_id: lesson.course_id, audit_seq: seq, entity, entity_key: key,
      student_person_id: change.studentId, lesson_id: lesson.id, old_value: oldValue, new_value: newValue, reason: change.reason ?? '',
      made_by: actor.personId, made_at: scope.now, acknowledged_by: null, acknowledged_at: null,
    });
  };
  const audit = { schoolId: lesson.school_id, actorPersonId: actor.personId, entityKey: key, reason: change.reason };

  if (change.kind === 'attendance') {
    const current = await q.findAttendance(ctx.db, lesson.id, change.studentId, db);
    if ((current?.version ?? 0) !== change.version) {
      throw new AppError('version_conflict', { field: at('version'), extra: { index: i, current: current ? { code: current.code, version: current.version } : null } });
    }
    if (!current && change.code === null) return async () => ({ id: null, version: 0, value: null });
    return async () => {
      const conflict = () => new AppError('version_conflict', { field: at('version'), extra: { index: i } });
      const old = current ? { code: current.code } : null;
      if (change.code === null) {
        if (!(await q.deleteAttendance(db, current!.id, current!.version))) throw conflict();
        const seq = await scope.audit.append({ ...audit, entity: 'attendance', action: 'delete', old, new: null });
        await flag('attendance', seq, attendanceLabel[current!.code], null);
        return { id: null, version: 0, value: null };
      }
      if (current) {
        if (!(await q.updateAttendance(db, current.id, current.version, { code: change.code, entered_by: actor.personId, updated_at: scope.now, version: current.version + 1 }))) throw conflict();
      } else {
        await q.insertAttendance(db, { school_id: lesson.school_id, lesson_id: lesson.id, student_person_id: change.studentId, code: change.code, entered_by: actor.personId, entered_at: scope.now, updated_at: scope.now, version: 1 });
      }
      const seq = await scope.audit.append({ ...audit, entity: 'attendance', action: current ? 'update' : 'create', old, new: { code: change.code } });
      await flag('attendance', seq, current ? attendanceLabel[current.code] : null, attendanceLabel[change.code]);
      return { id: null, version: (current?.version ?? 0) + 1, value: change.code };
    };
  }

  // a mark
  const scale = scaleOf(lesson, settings);
  if (change.value !== null && !isMarkAllowed(change.value, scale)) throw new AppError('mark_not_allowed', { field: at('value') });
  const workType = await workTypeOf(scope, lesson, change.workTypeId);
  if (workType === null) throw new AppError('not_found', { field: at('workTypeId') });
  const weight = workType?.weight ?? 1;

  if (change.markId === undefined) {
    if (change.value === null) throw new AppError('validation_failed', { field: at('value'), detail: 'a new mark needs a value' });
    const value = change.value;
    return async () => {
      const row = {
        school_id: lesson.school_id, lesson_id: lesson.id, student_person_id: change.studentId, value, numeric: numericValue(value, settings.plusMinusAffectsAverage),
        weight, work_type_id: workType?.id ?? null, comment: change.comment ?? '', entered_by: actor.personId, entered_at: scope.now, updated_at: scope.now, version: 1, deleted: 0,
      };
      const { id } = await q.insertMark(ctx.db, row, db);
      // The rollout counters see every new mark, and whether it came late, in the same transaction.
      const today = localDateOf(new Date(scope.now), ctx.config.timeZone);
      const late = (await isEnteredLate(scope, lesson, today, settings.lateAfterSchoolDays)) ? 1 : 0;
      countActivity(scope, lesson.school_id, today, late);
      const seq = await scope.audit.append({ ...audit, entity: 'mark', action: 'create', old: null, new: { markId: id, value, workTypeId: row.work_type_id, weight, comment: row.comment } });
      await flag('mark', seq, null, value);
      return { id, version: 1, value };
    };
  }
  const current = await q.findMark(ctx.db, change.markId, db);
  if (!current || current.lesson_id !== lesson.id || current.student_person_id !== change.studentId) throw new AppError('not_found', { field: at('markId') });
  if (current.deleted === 1 || current.version !== change.version) {
    throw new AppError('version_conflict', {
      field: at('version'),
      extra: { index: i, current: current.deleted ? null : { markId: current.id, value: current.value, version: current.version, workTypeId: current.work_type_id, comment: current.comment } },
    });
  }
  const old = { markId: current.id, value: current.value, workTypeId: current.work_type_id, weight: current.weight, comment: current.comment };
  return async () => {
    const conflict = () => new AppError('version_conflict', { field: at('version'), extra: { index: i } });
    const version = current.version + 1;
    if (change.value === null) {
      if (!(await q.updateMark(db, current.id, current.version, { deleted: 1, version, updated_at: scope.now, entered_by: actor.personId }))) throw conflict();
      const seq = await scope.audit.append({ ...audit, entity: 'mark', action: 'delete', old, new: null });
      await flag('mark', seq, current.value, null);
      return { id: current.id, version, value: null };
    }
    const patch = {
      value: change.value, numeric: numericValue(change.value, settings.plusMinusAffectsAverage), weight: change.workTypeId !== undefined ? weight : current.weight,
      work_type_id: change.workTypeId !== undefined ? (workType?.id ?? null) : current.work_type_id, comment: change.comment ?? current.comment,
      version, updated_at: scope.now, entered_by: actor.personId,
    };
    if (!(await q.updateMark(db, current.id, current.version, patch))) throw conflict();
    const seq = await scope.audit.append({ ...audit, entity: 'mark', action: 'update', old, new: { markId: current.id, value: patch.value, workTypeId: patch.work_type_id, weight: patch.weight, comment: patch.comment } });
    await flag('mark', seq, current.value, patch.value);
    return { id: current.id, version, value: patch.value };
  };
}

async function planTermMark(ctx: AppContext, actor: Actor, scope: BatchScope, change: Extract<JournalChange, { kind: 'termMark' }>, at: (f: string) => string): Promise<Planned> {
  const db = scope.trx;
  const course = await memo(scope, `course:${change.courseId}`, () => q.findCourse(db, change.courseId));
  if (!course) throw new AppError('not_found', { field: at('courseId') });
  assertJournal(canWriteJournal(actor, { schoolId: course.school_id, classId: course.class_id, courseId: course.id }), at('courseId'));
  const term = await memo(scope, `term:${change.termId}`, () => q.findTerm(db, change.termId));
  if (!term || term.school_id !== course.school_id || term.academic_year_id !== course.academic_year_id) throw new AppError('not_found', { field: at('termId') });
  const member = await q.isMember(ctx.db, course, change.studentId, term.ends_on > scope.now.slice(0, 10) ? scope.now.slice(0, 10) : term.ends_on, db);
  const everMember = member || (await q.courseStudents(db, course, term.starts_on, term.ends_on)).some((s) => s.id === change.studentId);
  if (!everMember) throw new AppError('student_not_in_course', { field: at('studentId') });
  const settings = schoolSettings(course.settings);
  if (change.value !== null && !isTermMarkAllowed(change.value, scaleOf(course, settings))) throw new AppError('mark_not_allowed', { field: at('value') });
  const locked = await q.isLocked(ctx.db, course.school_id, term.id, course.class_id, course.id, db);
  if (locked && !change.reason) throw new AppError('reason_required', { field: at('reason'), detail: 'the term is locked' });
  const current = await q.findTermMark(db, course.id, term.id, change.studentId);
  if ((current?.version ?? 0) !== change.version) {
    throw new AppError('version_conflict', { field: at('version'), extra: { current: current ? { value: current.value, version: current.version } : null } });
  }
  const key = termMarkKey(course.id, term.id, change.studentId);
  scope.touched.add(`${course.school_id}:${course.id}:${term.id}`);
  // The last term's grid suggests the year mark from the term marks.
  const last = await lastTermOf(scope, course);
  if (last) scope.touched.add(`${course.school_id}:${course.id}:${last.id}`);
  return async () => {
    const conflict = () => new AppError('version_conflict', { field: at('version') });
    const version = (current?.version ?? 0) + 1;
    if (change.value === null && !current) return { id: null, version: 0, value: null };
    if (change.value === null) {
      if (!(await q.deleteTermMark(db, current!.id, current!.version))) throw conflict();
    } else if (current) {
      if (!(await q.updateTermMark(db, current.id, current.version, { value: change.value, entered_by: actor.personId, updated_at: scope.now, version }))) throw conflict();
    } else {
      await q.insertTermMark(db, { school_id: course.school_id, course_id: course.id, term_id: term.id, student_person_id: change.studentId, value: change.value, entered_by: actor.personId, entered_at: scope.now, updated_at: scope.now, version: 1 });
    }
    const action = change.value === null ? 'delete' : current ? 'update' : 'create';
    const seq = await scope.audit.append({
      schoolId: course.school_id, actorPersonId: actor.personId, entity: 'term_mark', entityKey: key, action,
      old: current ? { value: current.value } : null, new: change.value === null ? null : { value: change.value }, reason: change.reason,
    });
    if (locked) {
      await q.insertCorrection(db, {
        school_id: course.school_id, term_id: term.id, course_id: course.id, audit_seq: seq, entity: 'term_mark', entity_key: key, student_person_id: change.studentId,
        lesson_id: null, old_value: current?.value ?? null, new_value: change.value, reason: change.reason ?? '', made_by: actor.personId, made_at: scope.now, acknowledged_by: null, acknowledged_at: null,
      });
    }
    return { id: null, version: change.value === null ? 0 : version, value: change.value };
  };
}

async function planYearMark(ctx: AppContext, actor: Actor, scope: BatchScope, change: Extract<JournalChange, { kind: 'yearMark' }>, at: (f: string) => string): Promise<Planned> {
  const db = scope.trx;
  const course = await memo(scope, `course:${change.courseId}`, () => q.findCourse(db, change.courseId));
  if (!course) throw new AppError('not_found', { field: at('courseId') });
  assertJournal(canWriteJournal(actor, { schoolId: course.school_id, classId: course.class_id, courseId: course.id }), at('courseId'));
  const year = await memo(scope, `year:${course.academic_year_id}`, () => yq.findAcademicYear(db, course.academic_year_id));
  const last = await lastTermOf(scope, course);
  if (!year || !last) throw new AppError('not_found', { field: at('courseId'), detail: 'the course’s year has no terms' });
  if (!(await q.wasMemberDuring(ctx.db, course, change.studentId, year.starts_on, year.ends_on, db))) throw new AppError('student_not_in_course', { field: at('studentId') });
  const settings = schoolSettings(course.settings);
  if (change.value !== null && !isTermMarkAllowed(change.value, scaleOf(course, settings))) throw new AppError('mark_not_allowed', { field: at('value') });
  const locked = await memo(scope, `lock:${last.id}:${course.id}`, () => q.isLocked(ctx.db, course.school_id, last.id, course.class_id, course.id, db));
  if (locked && !change.reason) throw new AppError('reason_required', { field: at('reason'), detail: 'the last term of the year is locked' });
  const current = await yq.findYearMark(ctx.db, course.id, year.id, change.studentId, db);
  if ((current?.version ?? 0) !== change.version) {
    throw new AppError('version_conflict', { field: at('version'), extra: { current: current ? { value: current.value, version: current.version } : null } });
  }
  if (change.value === null && !current) return async () => ({ id: null, version: 0, value: null });
  const key = yearMarkKey(course.id, year.id, change.studentId);
  // The year column lives on the last term's grid; the others are bumped too, so no cached grid of the year lags.
  for (const t of await termsOfCourse(scope, course)) scope.touched.add(`${course.school_id}:${course.id}:${t.id}`);
  return async () => {
    const conflict = () => new AppError('version_conflict', { field: at('version') });
    const version = (current?.version ?? 0) + 1;
    if (change.value === null) {
      if (!(await yq.deleteYearMark(db, current!.id, current!.version))) throw conflict();
    } else if (current) {
      if (!(await yq.updateYearMark(db, current.id, current.version, { value: change.value, entered_by: actor.personId, updated_at: scope.now, version }))) throw conflict();
    } else {
      const row = { school_id: course.school_id, course_id: course.id, academic_year_id: year.id, student_person_id: change.studentId, value: change.value, entered_by: actor.personId, entered_at: scope.now, updated_at: scope.now, version: 1 };
      await yq.insertYearMark(ctx.db, row, db);
    }
    const seq = await scope.audit.append({
      schoolId: course.school_id, actorPersonId: actor.personId, entity: 'year_mark', entityKey: key, action: change.value === null ? 'delete' : current ? 'update' : 'create',
      old: current ? { value: current.value } : null, new: change.value === null ? null : { value: change.value }, reason: change.reason,
    });
    if (locked) {
      await q.insertCorrection(db, {
        school_id: course.school_id, term_id: last.id, course_id: course.id, audit_seq: seq, entity: 'year_mark', entity_key: key, student_person_id: change.studentId,
        lesson_id: null, old_value: current?.value ?? null, new_value: change.value, reason: change.reason ?? '', made_by: actor.personId, made_at: scope.now, acknowledged_by: null, acknowledged_at: null,
      });
    }
    return { id: null, version: change.value === null ? 0 : version, value: change.value };
  };
}

/** One user action: every change is checked first, then all are written, or none. */
export function writeJob(ctx: AppContext, actor: Actor, body: WriteBody) {
  return async (scope: BatchScope): Promise<WriteResult> => {
    const planned: Planned[] = [];
    for (const [i, change] of body.changes.entries()) planned.push(await plan(ctx, actor, scope, change, i));
    const results: WriteResult['results'] = [];
    for (const write of planned) results.push(await write());
    return { results };
  };
}
