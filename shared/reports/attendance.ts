/**
 * Attendance figures (design.md): Н absent (no reason), Б ill, У excused,
 * ОП late. A lesson is missed with Н, Б or У; a late arrival is not a miss.
 * A day counts as missed when every lesson the pupil had that day was
 * missed. The day's reason: ill when every missed lesson is Б; excused when
 * each is Б or У (at least one У); otherwise absent without a reason.
 */
import type { AttendanceCode } from '../journal/marks.js';

export type MissReason = 'absent' | 'ill' | 'excused';

export interface AttendanceTotals {
  lessons: number;
  missed: number;
  missedByReason: Record<MissReason, number>;
  late: number;
  daysMissed: number;
  daysByReason: Record<MissReason, number>;
}

export function emptyTotals(): AttendanceTotals {
  return { lessons: 0, missed: 0, missedByReason: { absent: 0, ill: 0, excused: 0 }, late: 0, daysMissed: 0, daysByReason: { absent: 0, ill: 0, excused: 0 } };
}

export function addTotals(a: AttendanceTotals, b: AttendanceTotals): AttendanceTotals {
  return {
    lessons: a.lessons + b.lessons,
    missed: a.missed + b.missed,
    missedByReason: { absent: a.missedByReason.absent + b.missedByReason.absent, ill: a.missedByReason.ill + b.missedByReason.ill, excused: a.missedByReason.excused + b.missedByReason.excused },
    late: a.late + b.late,
    daysMissed: a.daysMissed + b.daysMissed,
    daysByReason: { absent: a.daysByReason.absent + b.daysByReason.absent, ill: a.daysByReason.ill + b.daysByReason.ill, excused: a.daysByReason.excused + b.daysByReason.excused },
  };
}

/** The reason of a whole missed day from the codes of its lessons (all of them misses). */
export function dayReason(codes: readonly MissReason[]): MissReason {
  if (codes.every((c) => c === 'ill')) return 'ill';
  if (codes.every((c) => c === 'ill' || c === 'excused')) return 'excused';
  return 'absent';
}

/**
 * One pupil's totals from their lessons: each lesson has a date and the
 * attendance code written for the pupil (null when none, i.e. present).
 */
export function pupilAttendance(lessons: ReadonlyArray<{ date: string; code: AttendanceCode | null }>): AttendanceTotals {
  const t = emptyTotals();
  const byDay = new Map<string, Array<AttendanceCode | null>>();
  for (const l of lessons) {
    t.lessons++;
    if (l.code === 'late') t.late++;
    else if (l.code) {
      t.missed++;
      t.missedByReason[l.code]++;
    }
    const day = byDay.get(l.date);
    if (day) day.push(l.code);
    else byDay.set(l.date, [l.code]);
  }
  for (const codes of byDay.values()) {
    if (codes.length === 0 || !codes.every((c) => c !== null && c !== 'late')) continue;
    t.daysMissed++;
    t.daysByReason[dayReason(codes as MissReason[])]++;
  }
  return t;
}
