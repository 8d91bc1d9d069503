import { describe, expect, it } from 'vitest';
import { dayReason, pupilAttendance } from './attendance.js';

describe('attendance totals', () => {
  it('counts lessons missed by reason, late arrivals, and whole days missed', () => {
    const t = pupilAttendance([
      // Monday: 2 lessons, both ill → a whole day, ill
      { date: '2026-09-07', code: 'ill' },
      { date: '2026-09-07', code: 'ill' },
      // Tuesday: one missed, one present → not a whole day
      { date: '2026-09-08', code: 'absent' },
      { date: '2026-09-08', code: null },
      // Wednesday: ill + excused → a whole day, excused
      { date: '2026-09-09', code: 'ill' },
      { date: '2026-09-09', code: 'excused' },
      // Thursday: late only → present
      { date: '2026-09-10', code: 'late' },
      // Friday: excused + absent → a whole day, absent
      { date: '2026-09-11', code: 'excused' },
      { date: '2026-09-11', code: 'absent' },
    ]);
    // 9 lessons; missed 7 (ill 3, absent 2, excused 2); late 1; days 3 (ill 1, excused 1, absent 1)
    expect(t).toEqual({
      lessons: 9,
      missed: 7,
      missedByReason: { absent: 2, ill: 3, excused: 2 },
      late: 1,
      daysMissed: 3,
      daysByReason: { absent: 1, ill: 1, excused: 1 },
    });
  });

  it('a day with a late arrival is not missed', () => {
    expect(pupilAttendance([{ date: '2026-09-07', code: 'absent' }, { date: '2026-09-07', code: 'late' }]).daysMissed).toBe(0);
    expect(dayReason(['excused', 'excused'])).toBe('excused');
  });
});
