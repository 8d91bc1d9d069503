import { describe, expect, it } from 'vitest';
import { isoWeekday } from '../../../shared/dates.js';
import { checkCalendar, standardCalendar } from './calendar.js';

describe('standard calendar', () => {
  it('is valid for every year from 2024 to 2035, with the grade-1 week on Monday–Sunday in February', () => {
    for (let y = 2024; y <= 2035; y++) {
      const c = standardCalendar(`${y}-09-01`);
      expect(checkCalendar(c, c.terms, c.holidays), String(y)).toBeNull();
      const week = c.holidays.find((h) => h.gradeTo === 1)!;
      expect(isoWeekday(week.startsOn)).toBe(1);
      expect(week.startsOn.slice(5, 7)).toBe('02');
    }
  });

  it('names the first uncovered weekday of a gap and ignores weekends', () => {
    const c = standardCalendar('2026-09-01');
    c.terms[2]!.startsOn = '2027-01-14';
    expect(checkCalendar(c, c.terms, c.holidays)).toMatchObject({ code: 'calendar_gap', field: '/body/terms/2/startsOn' });
    expect(checkCalendar(c, c.terms, c.holidays)!.detail).toContain('2027-01-12');
    const d = standardCalendar('2026-09-01');
    d.terms[3]!.startsOn = '2027-04-10'; // Saturday; the holidays end on Tuesday 6th: 7–9 April uncovered
    expect(checkCalendar(d, d.terms, d.holidays)!.detail).toContain('2027-04-07');
  });
});
