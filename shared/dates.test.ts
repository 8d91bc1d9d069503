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
});
