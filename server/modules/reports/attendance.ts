/**
 * Attendance over a date range, per pupil and per class: lessons and whole
 * days missed by reason, late arrivals (rules in shared/reports/attendance.ts).
 * A pupil's lessons are those of the class's courses (and of their groups)
 * held while they were a member.
 */
import type { AppContext } from '../../context.js';
import type { AttendanceReportView } from '../../../shared/contracts/reports.js';
import type { AttendanceCode } from '../../../shared/journal/marks.js';
import { addTotals, emptyTotals, pupilAttendance, type AttendanceTotals } from '../../../shared/reports/attendance.js';
import * as q from './reports.queries.js';
import { fullName } from './results.js';

type Interval = { from_date: string; to_date: string | null };
const within = (list: Interval[] | undefined, date: string) => !!list?.some((m) => m.from_date <= date && (m.to_date === null || m.to_date >= date));

/** Each pupil's lessons in the range with their attendance code, from the class's journal. */
export async function pupilLessons(ctx: AppContext, schoolId: number, classId: number, from: string, to: string) {
  const db = ctx.db.kysely;
  const [members, courses] = await Promise.all([q.classPupils(db, classId, from, to), q.classCourses(db, schoolId, [classId])]);
  const courseIds = courses.map((c) => c.id);
  const [lessons, attendance, groupRows] = await Promise.all([
    q.lessonsOf(db, courseIds, from, to),
    q.attendanceOf(db, courseIds, from, to),
    q.groupMembers(db, [...new Set(courses.map((c) => c.group_id).filter((g): g is number => g !== null))]),
  ]);
  const groupOf = new Map(courses.map((c) => [c.id, c.group_id]));
  const codes = new Map(attendance.map((a) => [`${a.lesson_id}:${a.student_person_id}`, a.code as AttendanceCode]));
  const inClass = new Map<number, Interval[]>();
  const pupils: Array<{ id: number; name: string }> = [];
  for (const m of members) {
    if (!inClass.has(m.id)) {
      inClass.set(m.id, []);
      pupils.push({ id: m.id, name: fullName(m) });
    }
    inClass.get(m.id)!.push(m);
  }
  const inGroup = new Map<string, Interval[]>();
  for (const g of groupRows) {
    const key = `${g.group_id}:${g.student_person_id}`;
    inGroup.set(key, [...(inGroup.get(key) ?? []), g]);
  }
  return pupils.map((p) => ({
    ...p,
    lessons: lessons
      .filter((l) => {
        if (!within(inClass.get(p.id), l.date)) return false;
        const group = groupOf.get(l.course_id);
        return group == null || within(inGroup.get(`${group}:${p.id}`), l.date);
      })
      .map((l) => ({ date: l.date, code: codes.get(`${l.id}:${p.id}`) ?? null })),
  }));
}

export async function attendanceReport(
  ctx: AppContext,
  school: { id: number; name: string },
  classes: Array<{ id: number; name: string }>,
  from: string,
  to: string,
  perPupil: boolean,
): Promise<AttendanceReportView> {
  const view: AttendanceReportView = { school, from, to, pupils: [], classes: [], total: emptyTotals() };
  // One class at a time, so memory stays bounded for a whole school over a year.
  for (const cls of classes) {
    const pupils = await pupilLessons(ctx, school.id, cls.id, from, to);
    let classTotal: AttendanceTotals = emptyTotals();
    for (const p of pupils) {
      const t = pupilAttendance(p.lessons);
      classTotal = addTotals(classTotal, t);
      if (perPupil) view.pupils.push({ id: p.id, name: p.name, className: cls.name, ...t });
    }
    view.classes.push({ classId: cls.id, className: cls.name, pupils: pupils.length, ...classTotal });
    view.total = addTotals(view.total, classTotal);
  }
  return view;
}
