/** Read views around the grid: the teacher's home block, the class teacher's class, a cell's history. */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { assertJournal, canReadClassJournal, canReadJournal } from '../../policy/journal.js';
import type { ClassOverviewView, HistoryEntry, HistoryQuery, HomeLesson, TeacherHomeView } from '../../../shared/contracts/journal.js';
import { suggestTermMark } from '../../../shared/journal/averages.js';
import { addDays, localDateOf } from '../../../shared/dates.js';
import { neighbourWeeks, weekToShow } from '../../../shared/weeks.js';
import { defaultSchoolSettings, readSettings } from '../../../shared/settings.js';
import * as audit from './audit.queries.js';
import * as q from './journal.queries.js';
import * as vq from './views.queries.js';
import * as yq from './year-marks.queries.js';
import { cellKey, termMarkKey, yearMarkKey } from './writes.js';

export async function teacherHome(ctx: AppContext, actor: Actor): Promise<TeacherHomeView> {
  const db = ctx.db.kysely;
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const rows = await vq.teacherLessons(db, actor.personId, actor.courseIds, addDays(today, -30), today);
  const toHome = (r: (typeof rows)[number]): HomeLesson => ({
    lessonId: r.id, courseId: r.course_id, termId: r.term_id, date: r.date, number: r.number, className: r.group_name ? `${r.class_name} (${r.group_name})` : r.class_name,
    subject: r.subject, topic: r.topic, missingTopic: r.topic === '',
    // Presence is not recorded, so a lesson with neither an absence nor a mark is taken as not yet filled in.
    missingAttendance: !Number(r.has_attendance) && !Number(r.has_marks),
  });
  const courses = await vq.coursesWithClass(db, actor.courseIds);
  return {
    today,
    courses: courses.map((c) => ({ courseId: c.id, className: c.group_name ? `${c.class_name} (${c.group_name})` : c.class_name, subject: c.subject })),
    todayLessons: rows.filter((r) => r.date === today).map(toHome),
    incomplete: rows.filter((r) => r.date < today).map(toHome).filter((l) => l.missingTopic || l.missingAttendance).reverse().slice(0, 50),
  };
}

export async function classOverview(ctx: AppContext, actor: Actor, classId: number, week: string | undefined): Promise<ClassOverviewView> {
  const db = ctx.db.kysely;
  const cls = await vq.classWithYear(db, classId);
  if (!cls) throw new AppError('not_found', { field: '/params/id' });
  assertJournal(canReadClassJournal(actor, cls.school_id, cls.id), '/params/id');
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const years = [{ yearStart: cls.yearStart, yearEnd: cls.yearEnd }];
  const weekStart = weekToShow(years, week, today);
  if (weekStart === null) throw new AppError('week_outside_year', { field: '/querystring/week', detail: `the week of ${week} is outside the class's academic year` });
  const weekEnd = addDays(weekStart, 6);
  const settings = readSettings(defaultSchoolSettings, cls.settings);
  const courses = await vq.coursesOfClass(db, classId);
  // The term of the week shown (a past week shows its own term's figures), never one that has not begun.
  const asOf = weekEnd < today ? weekEnd : today;
  const term = await vq.termOfGrade(db, cls.academic_year_id, cls.grade, asOf);
  const students = await q.courseStudents(db, { class_id: classId, group_id: null }, weekStart, weekEnd);
  const si = new Map(students.map((s, i) => [s.id, i]));
  const ci = new Map(courses.map((c, i) => [c.id, i]));
  const courseIds = courses.map((c) => c.id);
  const [absences, marks, termMarks, yearMarks] = await Promise.all([
    vq.absencesOfCourses(db, courseIds, weekStart, weekEnd),
    term ? vq.marksOfCoursesInTerm(db, courseIds, term.id) : [],
    term ? vq.termMarksOfCourses(db, courseIds, term.id) : [],
    yq.yearMarksOfCourses(db, courseIds, cls.academic_year_id),
  ]);
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
    classId, className: cls.name, weekStart, ...neighbourWeeks(years, weekStart), termName: term?.name ?? null,
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
