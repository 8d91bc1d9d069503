/**
 * Which dated lessons a weekly timetable makes, as a pure function: every day
 * of the terms of the class's grade range (Monday–Saturday, as the timetable
 * has them), skipping holidays that apply to the class's grade. The demo
 * generator and the service share it.
 */
import { addDays, isoWeekday } from '../../../shared/dates.js';

export interface PlanTerm {
  id: number;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface PlanHoliday {
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface PlanSlot {
  courseId: number;
  classId: number;
  weekday: number;
  number: number;
  room: string;
  validFrom: string;
  validTo: string | null;
}
export interface PlannedLesson {
  course_id: number;
  term_id: number;
  date: string;
  number: number;
  room: string;
  teacher_person_id: number | null;
}

export function planLessons(input: {
  terms: PlanTerm[];
  holidays: PlanHoliday[];
  classGrades: Map<number, number>;
  slots: PlanSlot[];
  /** The teacher of each course's lessons (the first of its teachers). */
  courseTeacher: Map<number, number | null>;
  fromDate: string;
  toDate?: string;
  /** `courseId|date|number` of lessons that stay and must not be made twice. */
  occupied?: Set<string>;
}): PlannedLesson[] {
  const out: PlannedLesson[] = [];
  const slotsByClass = new Map<number, PlanSlot[]>();
  for (const s of input.slots) slotsByClass.set(s.classId, [...(slotsByClass.get(s.classId) ?? []), s]);
  for (const [classId, slots] of slotsByClass) {
    const grade = input.classGrades.get(classId);
    if (grade === undefined) continue;
    const byWeekday: PlanSlot[][] = [[], [], [], [], [], [], [], []];
    for (const s of slots) byWeekday[s.weekday]!.push(s);
    for (const wd of byWeekday) wd.sort((a, b) => a.number - b.number || a.courseId - b.courseId);
    const holidays = input.holidays.filter((h) => h.gradeFrom <= grade && grade <= h.gradeTo);
    for (const term of input.terms) {
      if (grade < term.gradeFrom || grade > term.gradeTo) continue;
      const start = term.startsOn > input.fromDate ? term.startsOn : input.fromDate;
      const end = input.toDate && input.toDate < term.endsOn ? input.toDate : term.endsOn;
      let weekday = isoWeekday(start);
      for (let date = start; date <= end; date = addDays(date, 1), weekday = weekday === 7 ? 1 : weekday + 1) {
        if (weekday === 7) continue;
        const daySlots = byWeekday[weekday]!;
        if (daySlots.length === 0) continue;
        if (holidays.some((h) => h.startsOn <= date && date <= h.endsOn)) continue;
        for (const s of daySlots) {
          if (s.validFrom > date || (s.validTo !== null && s.validTo < date)) continue;
          if (input.occupied?.has(`${s.courseId}|${date}|${s.number}`)) continue;
          out.push({ course_id: s.courseId, term_id: term.id, date, number: s.number, room: s.room, teacher_person_id: input.courseTeacher.get(s.courseId) ?? null });
        }
      }
    }
  }
  return out;
}

/** The term of a grade that holds a date, or null (holidays and days outside terms hold none). */
export function termOn<T extends PlanTerm>(terms: T[], holidays: PlanHoliday[], grade: number, date: string): T | null {
  if (isoWeekday(date) === 7) return null;
  if (holidays.some((h) => h.gradeFrom <= grade && grade <= h.gradeTo && h.startsOn <= date && date <= h.endsOn)) return null;
  return terms.find((t) => t.gradeFrom <= grade && grade <= t.gradeTo && t.startsOn <= date && date <= t.endsOn) ?? null;
}
