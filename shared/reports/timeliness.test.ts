import { describe, expect, it } from 'vitest';
import { daysInclusive, isLate, schoolDaysBetween } from './timeliness.js';

// A five-day week: Mon 5 Oct … Fri 9 Oct, Mon 12 Oct.
const days = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-12'];

describe('school days and late entries', () => {
  it('counts school days after the lesson up to the entry', () => {
    expect(schoolDaysBetween(days, '2026-10-05', '2026-10-05')).toBe(0);
    expect(schoolDaysBetween(days, '2026-10-05', '2026-10-06')).toBe(1);
    // Friday's lesson entered on Monday: Saturday and Sunday are no school days → 1
    expect(schoolDaysBetween(days, '2026-10-09', '2026-10-12')).toBe(1);
    expect(schoolDaysBetween(days, '2026-10-09', '2026-10-11')).toBe(0);
    expect(schoolDaysBetween(days, '2026-10-05', '2026-10-04')).toBe(0);
  });

  it('late with the threshold of 1 school day', () => {
    expect(isLate(days, '2026-10-05', '2026-10-06', 1)).toBe(false);
    expect(isLate(days, '2026-10-05', '2026-10-07', 1)).toBe(true);
    expect(isLate(days, '2026-10-09', '2026-10-12', 1)).toBe(false);
    expect(isLate(days, '2026-10-05', '2026-10-06', 0)).toBe(true);
  });

  it('days inclusive', () => {
    expect(daysInclusive('2026-09-01', '2026-09-01')).toBe(1);
    expect(daysInclusive('2026-09-01', '2027-08-31')).toBe(365);
  });
});
