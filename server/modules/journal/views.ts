/** Read views around the grid: the teacher's home block, the class teacher's class, a cell's history. */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertJournal, canReadClassJournal, canReadJournal } from '../../policy/journal.js';
import type { ClassOverviewView, HistoryEntry, HistoryQuery, HomeLesson, TeacherHomeView } from '../../../shared/contracts/journal.js';
import { suggestTermMark } from '../../../shared/journal/averages.js';
import { addDays, localDateOf, mondayOf } from '../../../shared/dates.js';
import { defaultSchoolSettings, readSettings } from '../../../shared/settings.js';
import * as audit from './audit.queries.js';
import * as q from './journal.queries.js';
import * as yq from './year-marks.queries.js';
import { cellKey, termMarkKey, yearMarkKey } from './writes.js';

export async function teacherHome(ctx: AppContext, actor: Actor): Promise<TeacherHomeView> {
  const db = ctx.db.kysely;
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const from = addDays(today, -30);
  const mine = (eb: any) =>
    actor.courseIds.length > 0
      ? eb.or([eb('lessons.teacher_person_id', '=', actor.personId), eb.and([eb('lessons.teacher_person_id', 'is', null), eb('lessons.course_id', 'in', actor.courseIds)])])
      : eb('lessons.teacher_person_id', '=', actor.personId);
  const rows = await db
    .selectFrom('lessons')
    .innerJoin('courses', 'courses.id', 'lessons.course_id')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .innerJoin('classes', 'classes.id', 'courses.class_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select((eb) => [
      'lessons.id', 'lessons.course_id', 'lessons.term_id', 'lessons.date', 'lessons.number', 'lessons.topic', 'classes.name as class_name', 'subjects.name as subject', 'class_groups.name as group_name',
      eb.exists(eb.selectFrom('attendance').select('attendance.id').whereRef('attendance.lesson_id', '=', 'lessons.id')).as('has_attendance'),
      eb.exists(eb.selectFrom('marks').select('marks.id').whereRef('marks.lesson_id', '=', 'lessons.id')).as('has_marks'),
    ])
    .where('lessons.date', '>=', from)
    .where('lessons.date', '<=', today)
    .where('lessons.status', '=', 'scheduled')
    .where(mine)
    .orderBy('lessons.date')
    .orderBy('lessons.number')
    .execute();
  const toHome = (r: (typeof rows)[number]): HomeLesson => ({
    lessonId: r.id, courseId: r.course_id, termId: r.term_id, date: r.date, number: r.number, className: r.group_name ? `${r.class_name} (${r.group_name})` : r.class_name,
    subject: r.subject, topic: r.topic, missingTopic: r.topic === '',
    // Presence is not recorded, so a lesson with neither an absence nor a mark is taken as not yet filled in.
    missingAttendance: !Number(r.has_attendance) && !Number(r.has_marks),
  });
  const courses = actor.courseIds.length
    ? await db
        .selectFrom('courses')
        .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
        .innerJoin('classes', 'classes.id', 'courses.class_id')
        .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
        .select(['courses.id', 'classes.name as class_name', 'classes.grade', 'subjects.name as subject', 'class_groups.name as group_name'])
        .where('courses.id', 'in', actor.courseIds)
        .orderBy('classes.grade')
        .orderBy('classes.name')
        .orderBy('subjects.name')
        .execute()
    : [];
  return {
    today,
    courses: courses.map((c) => ({ courseId: c.id, className: c.group_name ? `${c.class_name} (${c.group_name})` : c.class_name, subject: c.subject })),
    todayLessons: rows.filter((r) => r.date === today).map(toHome),
    incomplete: rows.filter((r) => r.date < today).map(toHome).filter((l) => l.missingTopic || l.missingAttendance).reverse().slice(0, 50),
  };
}

export async function classOverview(ctx: AppContext, actor: Actor, classId: number, week: string | undefined): Promise<ClassOverviewView> {
  const db = ctx.db.kysely;
  const cls = await db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
  if (!cls) throw new AppError('not_found', { field: '/params/id' });
  assertJournal(canReadClassJournal(actor, cls.school_id, cls.id), '/params/id');
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const weekStart = mondayOf(week ?? today);
  const weekEnd = addDays(weekStart, 6);
  const school = await db.selectFrom('schools').select('settings').where('id', '=', cls.school_id).executeTakeFirstOrThrow();
  const settings = readSettings(defaultSchoolSettings, school.settings);
  const courses = await db
    .selectFrom('courses')
    .innerJoin('subjects', 'subjects.id', 'courses.subject_id')
    .leftJoin('class_groups', 'class_groups.id', 'courses.group_id')
    .select(['courses.id', 'subjects.name as subject', 'class_groups.name as group_name'])
    .where('courses.class_id', '=', classId)
    .orderBy('subjects.name')
    .execute();
  // The term of the week shown (a past week shows its own term's figures), never one that has not begun.
  const asOf = weekEnd < today ? weekEnd : today;
  const term = await db.selectFrom('terms').selectAll().where('academic_year_id', '=', cls.academic_year_id).where('starts_on', '<=', asOf).where('grade_from', '<=', cls.grade).where('grade_to', '>=', cls.grade).orderBy('starts_on', 'desc').executeTakeFirst();
  const students = await q.courseStudents(db, { class_id: classId, group_id: null }, weekStart, weekEnd);
  const si = new Map(students.map((s, i) => [s.id, i]));
  const ci = new Map(courses.map((c, i) => [c.id, i]));
  const courseIds = courses.map((c) => c.id);
  const absences = courseIds.length
    ? await db
        .selectFrom('attendance')
        .innerJoin('lessons', 'lessons.id', 'attendance.lesson_id')
        .select(['attendance.student_person_id', 'lessons.date', 'lessons.number', 'lessons.course_id', 'attendance.code'])
        .where('lessons.course_id', 'in', courseIds)
        .where('lessons.date', '>=', weekStart)
        .where('lessons.date', '<=', weekEnd)
        .orderBy('lessons.date')
        .orderBy('lessons.number')
        .execute()
    : [];
  const marks = courseIds.length && term
    ? await db
        .selectFrom('marks')
        .innerJoin('lessons', 'lessons.id', 'marks.lesson_id')
        .select(['marks.student_person_id', 'lessons.course_id', 'marks.value', 'marks.weight'])
        .where('lessons.course_id', 'in', courseIds)
        .where('lessons.term_id', '=', term.id)
        .where('marks.deleted', '=', 0)
        .execute()
    : [];
  const termMarks = courseIds.length && term
    ? await db.selectFrom('term_marks').select(['student_person_id', 'course_id', 'value']).where('course_id', 'in', courseIds).where('term_id', '=', term.id).execute()
    : [];
  const yearMarks = await yq.yearMarksOfCourses(db, courseIds, cls.academic_year_id);
  const byCell = new Map<string, Array<{ value: string; weight: number }>>();
  for (const m of marks) {
    const key = `${m.student_person_id}:${m.course_id}`;
    if (!byCell.has(key)) byCell.set(key, []);
    byCell.get(key)!.push(m);
  }
  const tm = new Map(termMarks.map((t) => [`${t.student_person_id}:${t.course_id}`, t.value]));
  const ym = new Map(yearMarks.map((y) => [`${y.student_person_id}:${y.course_id}`, y.value]));
  const averages: ClassOverviewView['averages'] = [];
  for (const s of students) {
    for (const c of courses) {
      const key = `${s.id}:${c.id}`;
      const list = byCell.get(key);
      if (!list && !tm.has(key) && !ym.has(key)) continue;
      averages.push([si.get(s.id)!, ci.get(c.id)!, list ? suggestTermMark(list, settings).average : null, tm.get(key) ?? null, ym.get(key) ?? null]);
    }
  }
  return {
    classId, className: cls.name, weekStart,
    courses: courses.map((c) => ({ id: c.id, subject: c.subject, group: c.group_name, termId: term?.id ?? null })),
    students: students.map((s) => [s.id, `${s.surname} ${s.name}`]),
    attendance: absences.filter((a) => si.has(a.student_person_id)).map((a) => [si.get(a.student_person_id)!, a.date, a.number, courses[ci.get(a.course_id)!]!.subject, a.code]),
    averages,
  };
}

export async function cellHistory(ctx: AppContext, actor: Actor, query: HistoryQuery): Promise<HistoryEntry[]> {
  const db = ctx.db.kysely;
  let schoolId: number;
  let keys: string[];
  if (query.lessonId) {
    const lesson = (await q.findLessons(db, [query.lessonId]))[0];
    if (!lesson) throw new AppError('not_found', { field: '/querystring/lessonId' });
    assertJournal(canReadJournal(actor, { schoolId: lesson.school_id, classId: lesson.class_id, courseId: lesson.course_id, lessonTeacherIds: [lesson.teacher_person_id] }), '/querystring/lessonId');
    schoolId = lesson.school_id;
    keys = query.studentId ? [cellKey(lesson.id, query.studentId)] : [`L${lesson.id}`];
  } else if (query.courseId && query.studentId && (query.termId || query.yearMark)) {
    const course = await q.findCourse(db, query.courseId);
    if (!course) throw new AppError('not_found', { field: '/querystring/courseId' });
    assertJournal(canReadJournal(actor, { schoolId: course.school_id, classId: course.class_id, courseId: course.id }), '/querystring/courseId');
    schoolId = course.school_id;
    keys = [query.yearMark ? yearMarkKey(course.id, course.academic_year_id, query.studentId) : termMarkKey(course.id, query.termId!, query.studentId)];
  } else {
    throw new AppError('validation_failed', { field: '/querystring/lessonId', detail: 'give lessonId (and studentId), or courseId, studentId and termId or yearMark=true' });
  }
  const rows = await audit.auditForKey(db, schoolId, keys);
  return rows.map((r) => ({
    seq: r.seq, at: r.at, entity: r.entity, action: r.action, old: r.old_json ? JSON.parse(r.old_json) : null, new: r.new_json ? JSON.parse(r.new_json) : null,
    reason: r.reason, actor: r.surname ? `${r.surname} ${r.name} ${r.patronymic}`.trim() : 'system',
  }));
}
