import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isLocalDate, isoWeekday, localDateOf, mondayOf } from './dates.js';

describe('local dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-02-30')).toBe(false);
    expect(isLocalDate('2023-2-3')).toBe(false);
  });
  it('takes the local date of an instant in the region’s zone (Chita is UTC+9)', () => {
    expect(localDateOf(new Date('2026-10-14T14:59:00Z'), 'Asia/Chita')).toBe('2026-10-14');
    expect(localDateOf(new Date('2026-10-14T15:00:00Z'), 'Asia/Chita')).toBe('2026-10-15');
  });
  it('walks days and weeks', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isoWeekday('2026-10-18')).toBe(7);
    expect(mondayOf('2026-10-18')).toBe('2026-10-12');
  });
  it('agrees with the calendar of Date for any date and step (leap years, centuries, negative steps)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), fc.integer({ min: -800, max: 800 }), (day, step) => {
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(date, step)).toBe(new Date((day + step) * 86_400_000).toISOString().slice(0, 10));
        const weekday = new Date(day * 86_400_000).getUTCDay();
        expect(isoWeekday(date)).toBe(weekday === 0 ? 7 : weekday);
      }),
      { numRuns: 5000 },
    );
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
  });
});
