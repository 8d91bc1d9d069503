import { describe, expect, it } from 'vitest';
import { inYears, neighbourWeeks, weekToShow } from './weeks.js';

const year = [{ yearStart: '2026-09-01', yearEnd: '2027-05-31' }];

describe('school weeks within academic years', () => {
  it('shows the asked week by its Monday, and refuses one outside every year', () => {
    expect(weekToShow(year, '2026-10-14', '2026-10-14')).toBe('2026-10-12');
    expect(weekToShow(year, '2026-07-01', '2026-10-14')).toBeNull();
    // The week of 31.08 reaches into September: it belongs to the year.
    expect(weekToShow(year, '2026-08-31', '2026-10-14')).toBe('2026-08-31');
  });
  it('without a week shows today’s, or in summer the nearest week of the latest year', () => {
    expect(weekToShow(year, undefined, '2026-11-29')).toBe('2026-11-23');
    expect(weekToShow(year, undefined, '2027-07-10')).toBe('2027-05-31');
    expect(weekToShow(year, undefined, '2026-08-10')).toBe('2026-08-31');
    expect(weekToShow([], undefined, '2026-08-10')).toBe('2026-08-10');
  });
  it('offers previous and next weeks only inside the years', () => {
    expect(neighbourWeeks(year, '2026-10-12')).toEqual({ prevWeek: '2026-10-05', nextWeek: '2026-10-19' });
    expect(neighbourWeeks(year, '2026-08-31')).toEqual({ prevWeek: null, nextWeek: '2026-09-07' });
    expect(neighbourWeeks(year, '2027-05-31')).toEqual({ prevWeek: '2027-05-24', nextWeek: null });
    expect(inYears(year, '2027-06-01', '2027-06-06')).toBe(false);
  });
});
