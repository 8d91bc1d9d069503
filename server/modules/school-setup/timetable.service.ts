import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { addDays, isoWeekday, mondayOf } from '../../../shared/dates.js';
import type {
  AddLessonBody,
  Clash,
  ClassTimetableBody,
  GenerateLessonsBody,
  MoveLessonBody,
  RegenerationReport,
  SubstituteBody,
  WeekQuery,
} from '../../../shared/contracts/school-setup.js';
import { bellTimes, findClashes, type ClashSlot } from './clashes.js';
import { planLessons, termOn } from './lesson-plan.js';
import * as lq from './lessons.queries.js';
import * as q from './school-setup.queries.js';
import { fullName, loadClass, loadYear, schoolTarget, today } from './school-setup.service.js';
import * as journal from '../journal/journal.service.js';

type Db = AppContext['db']['kysely'];
type Course = Awaited<ReturnType<typeof q.listCourses>>[number];

async function teacherNames(db: Db, ids: number[]) {
  return new Map((await q.personNames(db, [...new Set(ids)])).map((p) => [p.id, fullName(p)]));
}

const slotOf = (course: Course, s: { weekday: number; number: number; room: string }, index: number | null): ClashSlot => ({
  index,
  weekday: s.weekday,
  number: s.number,
  room: s.room,
  shift: course.shift,
  classId: course.class_id,
  groupId: course.group_id,
  teacherIds: course.teacherIds,
  className: course.class_name,
  subject: course.group_name ? `${course.subject} (${course.group_name})` : course.subject,
});

/** The class's weekly timetable for the editor: its slots, its courses, the bells of its shift and the clashes. */
export async function classTimetable(ctx: AppContext, actor: Actor, classId: number) {
  const cls = await loadClass(ctx, actor, 'setup.manage', classId);
  const db = ctx.db.kysely;
  const date = today(ctx);
  const [slots, courses, bells] = await Promise.all([q.slotsInForce(db, cls.academic_year_id, date), q.listCourses(db, cls.academic_year_id), q.bellsOf(db, cls.school_id)]);
  const current = slots.filter((s) => s.valid_to === null);
  const mine = current.filter((s) => s.class_id === classId).map((s) => ({ weekday: s.weekday, number: s.number, courseId: s.course_id, room: s.room }));
  const clashes = await clashesFor(db, cls, mine, courses, current, bells);
  const names = await teacherNames(db, courses.flatMap((c) => c.teacherIds));
  return {
    class: { id: cls.id, name: cls.name, shift: cls.shift, academicYearId: cls.academic_year_id },
    slots: mine,
    courses: courses
      .filter((c) => c.class_id === classId)
      .map((c) => ({ id: c.id, subject: c.subject, groupName: c.group_name, hoursPerWeek: c.hours_per_week, teachers: c.teacherIds.map((t) => names.get(t) ?? '') })),
    bells: bells.filter((b) => b.shift === cls.shift).map((b) => ({ number: b.number, startsAt: b.starts_at, endsAt: b.ends_at })),
    clashes,
  };
}

async function clashesFor(
  db: Db,
  cls: { id: number },
  slots: Array<{ weekday: number; number: number; courseId: number; room?: string }>,
  courses: Course[],
  current: Awaited<ReturnType<typeof q.slotsInForce>>,
  bells: Awaited<ReturnType<typeof q.bellsOf>>,
): Promise<Clash[]> {
  const byId = new Map(courses.map((c) => [c.id, c]));
  const candidate = slots.map((s, i) => {
    const course = byId.get(s.courseId);
    if (!course || course.class_id !== cls.id) throw new AppError('reference_invalid', { field: `/body/slots/${i}/courseId`, detail: 'not a course of this class' });
    return slotOf(course, { weekday: s.weekday, number: s.number, room: s.room ?? '' }, i);
  });
  const others = current.filter((s) => s.class_id !== cls.id).map((s) => slotOf(byId.get(s.course_id)!, s, null));
  const names = await teacherNames(db, courses.flatMap((c) => c.teacherIds));
  return findClashes(candidate, others, bellTimes(bells), names);
}

export async function checkClassTimetable(ctx: AppContext, actor: Actor, classId: number, input: ClassTimetableBody) {
  const cls = await loadClass(ctx, actor, 'setup.manage', classId);
  const db = ctx.db.kysely;
  const [slots, courses, bells] = await Promise.all([q.slotsInForce(db, cls.academic_year_id, today(ctx)), q.listCourses(db, cls.academic_year_id), q.bellsOf(db, cls.school_id)]);
  return { clashes: await clashesFor(db, cls, input.slots, courses, slots.filter((s) => s.valid_to === null), bells) };
}

/**
 * Saves a class's week from a date (default tomorrow): clashes are refused
 * (409 naming the first slot); the old slots end the day before; the class's
 * lessons from that date are regenerated, keeping those that hold data.
 */
export async function saveClassTimetable(ctx: AppContext, actor: Actor, classId: number, input: ClassTimetableBody) {
  const cls = await loadClass(ctx, actor, 'setup.manage', classId);
  const db = ctx.db.kysely;
  const year = (await q.findYear(db, cls.academic_year_id))!;
  const fromDate = input.fromDate ?? addDays(today(ctx), 1);
  if (fromDate < year.starts_on || fromDate > year.ends_on) throw new AppError('date_range_invalid', { field: '/body/fromDate', detail: `outside the year ${year.starts_on}…${year.ends_on}` });
  const [slots, courses, bells] = await Promise.all([q.slotsInForce(db, year.id, fromDate), q.listCourses(db, year.id), q.bellsOf(db, cls.school_id)]);
  const clashes = await clashesFor(db, cls, input.slots, courses, slots.filter((s) => s.valid_to === null), bells);
  if (clashes.length) {
    const first = clashes[0]!;
    throw new AppError('timetable_clash', {
      field: `/body/slots/${first.slotIndex}`,
      detail: `${first.kind} clash on weekday ${first.weekday}, lesson ${first.number}: ${first.who} (${first.with.className}, ${first.with.subject})`,
      extra: { clashes },
    });
  }
  const report = await db.transaction().execute(async (trx) => {
    // A class's first week holds from the year's start (lessons are still made from fromDate only).
    const validFrom = (await q.classHasSlots(trx, classId)) ? fromDate : year.starts_on;
    await q.endClassSlots(trx, classId, fromDate, addDays(fromDate, -1));
    await q.insertSlots(
      trx,
      input.slots.map((s) => ({ school_id: cls.school_id, academic_year_id: year.id, weekday: s.weekday, number: s.number, course_id: s.courseId, room: s.room?.trim() ?? '', valid_from: validFrom, valid_to: null })),
    );
    return regenerate(trx, cls.school_id, year.id, fromDate, [classId]);
  });
  return { slots: input.slots, report };
}

/** Generates (or regenerates) the lessons of every class of a year from a date (default: the later of the year's start and tomorrow). */
export async function generateLessons(ctx: AppContext, actor: Actor, yearId: number, input: GenerateLessonsBody) {
  const year = await loadYear(ctx, actor, 'setup.manage', yearId);
  const tomorrow = addDays(today(ctx), 1);
  const fromDate = input.fromDate ?? (year.starts_on > tomorrow ? year.starts_on : tomorrow);
  if (fromDate > year.ends_on) throw new AppError('date_range_invalid', { field: '/body/fromDate', detail: `after the year’s end ${year.ends_on}` });
  return ctx.db.kysely.transaction().execute((trx) => regenerate(trx, year.school_id, year.id, fromDate, null));
}

/**
 * Replaces the lessons from `fromDate` with those of the timetable in force.
 * A lesson stays when it holds data (lessonDataReasons), was added or moved by
 * hand, or was cancelled; the timetable does not make a second lesson in its
 * place. Runs in the caller's transaction.
 */
export async function regenerate(trx: Db, schoolId: number, yearId: number, fromDate: string, classIds: number[] | null): Promise<RegenerationReport> {
  const [terms, holidays, classes, courses, slots] = await Promise.all([
    q.termsOf(trx, yearId),
    q.holidaysOf(trx, yearId),
    q.listClasses(trx, yearId, fromDate),
    q.listCourses(trx, yearId),
    q.slotsInForce(trx, yearId, fromDate),
  ]);
  const inScope = (classId: number) => classIds === null || classIds.includes(classId);
  const scoped = courses.filter((c) => inScope(c.class_id));
  const existing = await lq.lessonsFrom(trx, scoped.map((c) => c.id), fromDate);
  const reasons = await lq.lessonDataReasons(trx, existing.map((l) => l.id));
  for (const [id, entries] of await journal.lessonsWithEntries(trx, existing.map((l) => l.id))) {
    reasons.set(id, [...(reasons.get(id) ?? []), ...entries]);
  }
  const kept = existing.filter((l) => reasons.has(l.id) || l.origin === 'manual' || l.status === 'cancelled');
  const keptIds = new Set(kept.map((l) => l.id));
  const removed = existing.filter((l) => !keptIds.has(l.id)).map((l) => l.id);
  await lq.deleteLessons(trx, removed);
  const planSlots = slots
    .filter((s) => inScope(s.class_id))
    .map((s) => ({ courseId: s.course_id, classId: s.class_id, weekday: s.weekday, number: s.number, room: s.room, validFrom: s.valid_from, validTo: s.valid_to }));
  const planned = planLessons({
    terms: terms.map((t) => ({ id: t.id, startsOn: t.starts_on, endsOn: t.ends_on, gradeFrom: t.grade_from, gradeTo: t.grade_to })),
    holidays: holidays.map((h) => ({ startsOn: h.starts_on, endsOn: h.ends_on, gradeFrom: h.grade_from, gradeTo: h.grade_to })),
    classGrades: new Map(classes.map((c) => [c.id, c.grade])),
    slots: planSlots,
    courseTeacher: new Map(courses.map((c) => [c.id, c.teacherIds[0] ?? null])),
    fromDate,
    occupied: new Set(kept.map((l) => `${l.course_id}|${l.date}|${l.number}`)),
  });
  await lq.insertLessons(trx, planned.map((p) => ({ ...p, school_id: schoolId, status: 'scheduled', origin: 'timetable' })));
  const removedIds = new Set(removed);
  await journal.lessonsChanged(trx, [...existing.filter((l) => removedIds.has(l.id)), ...planned].map((l) => ({ school_id: schoolId, course_id: l.course_id, term_id: l.term_id })));
  const byId = new Map(courses.map((c) => [c.id, c]));
  const inTimetable = (l: { course_id: number; date: string; number: number }) =>
    planSlots.some((s) => s.courseId === l.course_id && s.weekday === isoWeekday(l.date) && s.number === l.number && s.validFrom <= l.date && (s.validTo === null || s.validTo >= l.date));
  return {
    fromDate,
    created: planned.length,
    removed: removed.length,
    kept: kept
      .map((l) => ({
        lessonId: l.id,
        date: l.date,
        number: l.number,
        courseId: l.course_id,
        subject: byId.get(l.course_id)?.subject ?? '',
        className: byId.get(l.course_id)?.class_name ?? '',
        reasons: [...(reasons.get(l.id) ?? []), ...(l.origin === 'manual' ? ['manual'] : []), ...(l.status === 'cancelled' ? ['cancelled'] : [])],
        outsideTimetable: l.status !== 'cancelled' && !inTimetable(l),
      }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.number - b.number)),
  };
}

// ---- single changes of dated lessons

async function loadLesson(ctx: AppContext, actor: Actor, lessonId: number) {
  const lesson = await lq.findLesson(ctx.db.kysely, lessonId);
  if (!lesson) throw new AppError('not_found', { field: '/params/id' });
  await schoolTarget(ctx, actor, 'lessons.manage', lesson.school_id, '/params/id');
  return lesson;
}

/** The term holding a date for a grade, or a 422 naming the date field. */
async function termFor(db: Db, yearId: number, grade: number, date: string) {
  const [terms, holidays] = await Promise.all([q.termsOf(db, yearId), q.holidaysOf(db, yearId)]);
  const term = termOn(
    terms.map((t) => ({ id: t.id, startsOn: t.starts_on, endsOn: t.ends_on, gradeFrom: t.grade_from, gradeTo: t.grade_to })),
    holidays.map((h) => ({ startsOn: h.starts_on, endsOn: h.ends_on, gradeFrom: h.grade_from, gradeTo: h.grade_to })),
    grade,
    date,
  );
  if (!term) throw new AppError('not_a_school_day', { field: '/body/date', detail: `${date} is a Sunday, a holiday or outside the terms of grade ${grade}` });
  return term;
}

/** Refuses a lesson at a date and number that clashes with another lesson of the class, the teacher or the room. */
async function assertNoLessonClash(
  db: Db,
  schoolId: number,
  lesson: { id?: number; date: string; number: number; room: string; teacherId: number | null; classId: number; groupId: number | null; shift: number },
  field: string,
) {
  const [others, bells] = await Promise.all([lq.lessonsOn(db, schoolId, lesson.date), q.bellsOf(db, schoolId)]);
  const weekday = isoWeekday(lesson.date);
  const toSlot = (l: { number: number; room: string; shift: number; class_id: number; group_id: number | null; teacher_person_id: number | null; class_name: string; subject: string }, index: number | null): ClashSlot => ({
    index,
    weekday,
    number: l.number,
    room: l.room,
    shift: l.shift,
    classId: l.class_id,
    groupId: l.group_id,
    teacherIds: l.teacher_person_id ? [l.teacher_person_id] : [],
    className: l.class_name,
    subject: l.subject,
  });
  const candidate = toSlot({ number: lesson.number, room: lesson.room, shift: lesson.shift, class_id: lesson.classId, group_id: lesson.groupId, teacher_person_id: lesson.teacherId, class_name: '', subject: '' }, 0);
  const names = await teacherNames(db, lesson.teacherId ? [lesson.teacherId] : []);
  const clashes = findClashes([candidate], others.filter((o) => o.id !== lesson.id).map((o) => toSlot(o, null)), bellTimes(bells), names);
  if (clashes.length) {
    const c = clashes[0]!;
    throw new AppError('lesson_clash', { field, detail: `${c.kind}: ${c.who} already has ${c.with.className} ${c.with.subject} at lesson ${c.with.number}`, extra: { clashes } });
  }
}

export async function moveLesson(ctx: AppContext, actor: Actor, lessonId: number, input: MoveLessonBody) {
  const lesson = await loadLesson(ctx, actor, lessonId);
  const db = ctx.db.kysely;
  const cls = (await q.findClass(db, lesson.class_id))!;
  const term = await termFor(db, lesson.academic_year_id, lesson.grade, input.date);
  const room = input.room?.trim() ?? lesson.room;
  await assertNoLessonClash(db, lesson.school_id, { id: lesson.id, date: input.date, number: input.number, room, teacherId: lesson.teacher_person_id, classId: lesson.class_id, groupId: lesson.group_id, shift: cls.shift }, '/body/number');
  await db.transaction().execute(async (trx) => {
    await lq.updateLesson(trx, lesson.id, { date: input.date, number: input.number, room, term_id: term.id, origin: 'manual' });
    // Marks and absences count in their lesson's term: moved along, they would change another term's averages (a locked one too) unseen.
    if (term.id !== lesson.term_id) await assertNoEntries(trx, lesson.id, '/body/date', 'move it within its term');
    await journal.lessonsChanged(trx, [lesson, { ...lesson, term_id: term.id }]);
    // A cancelled placeholder keeps the old place, so that a later regeneration does not put a lesson there again.
    if (lesson.origin === 'timetable') {
      await lq.insertLesson(trx, { school_id: lesson.school_id, course_id: lesson.course_id, term_id: lesson.term_id, date: lesson.date, number: lesson.number, room: lesson.room, teacher_person_id: lesson.teacher_person_id, status: 'cancelled', origin: 'timetable' });
    }
  });
  return lessonView(ctx, lesson.id);
}

export async function setLessonStatus(ctx: AppContext, actor: Actor, lessonId: number, status: 'scheduled' | 'cancelled') {
  const lesson = await loadLesson(ctx, actor, lessonId);
  const db = ctx.db.kysely;
  if (status === 'scheduled' && lesson.status === 'cancelled') {
    const cls = (await q.findClass(db, lesson.class_id))!;
    await assertNoLessonClash(db, lesson.school_id, { id: lesson.id, date: lesson.date, number: lesson.number, room: lesson.room, teacherId: lesson.teacher_person_id, classId: lesson.class_id, groupId: lesson.group_id, shift: cls.shift }, '/params/id');
  }
  await db.transaction().execute(async (trx) => {
    await lq.updateLesson(trx, lesson.id, { status });
    if (status === 'cancelled') await assertNoEntries(trx, lesson.id, '/params/id', 'move the lesson');
    await journal.lessonsChanged(trx, [lesson]);
  });
  return lessonView(ctx, lesson.id);
}

/**
 * A lesson holding marks or absences is neither cancelled (a cancelled lesson
 * leaves the grid and takes no writes: they would be hidden and could no
 * longer be corrected) nor moved to another term (they would change its
 * averages, a locked term's too, with no correction recorded); its entries
 * are removed first. A topic or homework alone is the plan, not a result, and
 * does not stop either. Counted after the update, in its
 * transaction: the update holds the lesson's row, and the count sees every
 * mark committed before it (the refusal rolls the update back).
 */
async function assertNoEntries(trx: Db, lessonId: number, field: string, instead: string) {
  const { marks, absences } = await journal.entriesOfLesson(trx, lessonId);
  if (marks === 0 && absences === 0) return;
  throw new AppError('lesson_has_entries', {
    field,
    detail: `the lesson holds ${marks} mark${marks === 1 ? '' : 's'} and ${absences} attendance entr${absences === 1 ? 'y' : 'ies'} (absences, late arrivals): remove them in the journal or ${instead}`,
    extra: { marks, absences },
  });
}

export async function addLesson(ctx: AppContext, actor: Actor, courseId: number, input: AddLessonBody) {
  const db = ctx.db.kysely;
  const course = await q.findCourse(db, courseId);
  if (!course) throw new AppError('not_found', { field: '/params/id' });
  await schoolTarget(ctx, actor, 'lessons.manage', course.school_id, '/params/id');
  const cls = (await q.findClass(db, course.class_id))!;
  const term = await termFor(db, course.academic_year_id, cls.grade, input.date);
  const teacherId = (await q.listCourses(db, course.academic_year_id, cls.id)).find((c) => c.id === courseId)?.teacherIds[0] ?? null;
  const room = input.room?.trim() ?? '';
  await assertNoLessonClash(db, course.school_id, { date: input.date, number: input.number, room, teacherId, classId: cls.id, groupId: course.group_id, shift: cls.shift }, '/body/number');
  const { id } = await db.transaction().execute(async (trx) => {
    await journal.lessonsChanged(trx, [{ school_id: course.school_id, course_id: courseId, term_id: term.id }]);
    return lq.insertLesson(trx, { school_id: course.school_id, course_id: courseId, term_id: term.id, date: input.date, number: input.number, room, teacher_person_id: teacherId, status: 'scheduled', origin: 'manual' });
  });
  return lessonView(ctx, id);
}

/** A substitute teacher for one lesson (null gives it back to the course's teacher). */
export async function substitute(ctx: AppContext, actor: Actor, lessonId: number, input: SubstituteBody) {
  const lesson = await loadLesson(ctx, actor, lessonId);
  const db = ctx.db.kysely;
  const course = (await q.listCourses(db, lesson.academic_year_id, lesson.class_id)).find((c) => c.id === lesson.course_id)!;
  const teacherId = input.teacherPersonId ?? course.teacherIds[0] ?? null;
  if (input.teacherPersonId && !(await q.isStaff(db, lesson.school_id, input.teacherPersonId))) throw new AppError('not_school_staff', { field: '/body/teacherPersonId' });
  const cls = (await q.findClass(db, lesson.class_id))!;
  if (lesson.status === 'scheduled') {
    await assertNoLessonClash(db, lesson.school_id, { id: lesson.id, date: lesson.date, number: lesson.number, room: lesson.room, teacherId, classId: lesson.class_id, groupId: lesson.group_id, shift: cls.shift }, '/body/teacherPersonId');
  }
  await db.transaction().execute(async (trx) => {
    await lq.updateLesson(trx, lesson.id, { teacher_person_id: teacherId });
    await journal.lessonsChanged(trx, [lesson]);
  });
  return lessonView(ctx, lesson.id);
}

async function lessonView(ctx: AppContext, id: number) {
  const l = (await lq.findLesson(ctx.db.kysely, id))!;
  return { id: l.id, courseId: l.course_id, termId: l.term_id, date: l.date, number: l.number, room: l.room, teacherPersonId: l.teacher_person_id, status: l.status, origin: l.origin, version: l.version };
}

// ---- read-only week

/**
 * A week of dated lessons of a class or a teacher, for everyone in the school.
 * Without a filter: a teacher sees their own, a pupil their class, a guardian
 * the class of their first child in the school.
 */
export async function week(ctx: AppContext, actor: Actor, query: WeekQuery) {
  const db = ctx.db.kysely;
  const mySchools = [
    ...new Set([
      ...actor.grants.map((g) => g.schoolId).filter((id): id is number => id !== null),
      ...actor.studentSchoolIds,
      ...(await q.schoolsOfStudents(db, actor.childIds, today(ctx))),
    ]),
  ];
  const schoolId = query.schoolId ?? mySchools[0];
  if (schoolId === undefined) throw new AppError('not_found', { field: '/querystring/schoolId' });
  await schoolTarget(ctx, actor, 'timetable.read', schoolId, '/querystring/schoolId');
  const date = query.weekOf ?? today(ctx);
  const monday = mondayOf(date);
  const saturday = addDays(monday, 5);
  const years = await q.listYears(db, schoolId);
  const year = years.find((y) => y.starts_on <= date && date <= y.ends_on) ?? years[0];
  const classes = year ? await q.listClasses(db, year.id, date) : [];
  let filter: { classId?: number; teacherPersonId?: number } = {};
  if (query.classId) filter = { classId: query.classId };
  else if (query.teacherPersonId) filter = { teacherPersonId: query.teacherPersonId };
  else if (actor.grants.some((g) => g.schoolId === schoolId && (g.role === 'teacher' || g.role === 'class_teacher'))) filter = { teacherPersonId: actor.personId };
  else {
    const own = year ? await q.openClassMembership(db, year.id, actor.personId) : undefined;
    const child = !own && year ? (await Promise.all(actor.childIds.map((c) => q.openClassMembership(db, year.id, c)))).find(Boolean) : undefined;
    const classId = own?.class_id ?? child?.class_id ?? classes[0]?.id;
    if (classId) filter = { classId };
  }
  if (filter.classId && !classes.some((c) => c.id === filter.classId)) throw new AppError('not_found', { field: '/querystring/classId' });
  const [lessons, bells, staff] = await Promise.all([
    filter.classId || filter.teacherPersonId ? lq.lessonsBetween(db, schoolId, monday, saturday, filter) : Promise.resolve([]),
    q.bellsOf(db, schoolId),
    q.listStaff(db, schoolId),
  ]);
  return {
    schoolId,
    schools: await q.schoolNames(db, mySchools.includes(schoolId) ? mySchools : [schoolId, ...mySchools]),
    monday,
    filter: { classId: filter.classId ?? null, teacherPersonId: filter.teacherPersonId ?? null },
    classes: classes.map((c) => ({ id: c.id, name: c.name, shift: c.shift })),
    teachers: staff.map((s) => ({ personId: s.personId, name: fullName(s) })),
    bells: bells.map((b) => ({ shift: b.shift, number: b.number, startsAt: b.starts_at, endsAt: b.ends_at })),
    lessons: lessons.map((l) => ({
      id: l.id,
      date: l.date,
      number: l.number,
      room: l.room,
      status: l.status,
      classId: l.class_id,
      className: l.class_name,
      shift: l.shift,
      subject: l.subject,
      groupName: l.group_name,
      teacher: l.surname ? fullName(l) : null,
      teacherPersonId: l.teacher_person_id,
      homework: l.homework,
    })),
  };
}
