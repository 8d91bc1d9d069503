/**
 * The rules of an academic year's calendar, as pure functions (no database).
 *
 * Terms are grouped by their grade range (e.g. 1–9 in quarters, 10–11 in
 * halves). The rules, each refused with the offending field named:
 * - every date range has start ≤ end, and lies inside the academic year;
 * - grade ranges of different term groups do not overlap (a grade follows one
 *   set of terms); within a group the kind is the same and the numbers run 1…n
 *   in date order;
 * - terms of a group do not overlap each other;
 * - a holiday lies either between terms or wholly inside one term of every
 *   grade it applies to, never across a term's first or last day (autumn
 *   holidays inside the first half of grades 10–11 and the extra February week
 *   of grade 1 inside the third quarter are normal; lesson generation skips
 *   holiday days for the holiday's grades only);
 * - holidays whose grade ranges intersect do not overlap each other;
 * - no gap: between two consecutive terms of a group, every weekday Monday to
 *   Friday must be covered by a holiday that applies to all grades of the group.
 *   Saturdays and Sundays are not counted, because most schools keep a five-day
 *   week and a six-day school's Saturday between a term and its holidays is not
 *   a teaching day either way.
 */
import { addDays, isoWeekday } from '../../../shared/dates.js';
import type { HolidayInput, TermInput } from '../../../shared/contracts/school-setup.js';

export interface CalendarProblem {
  code: 'date_range_invalid' | 'calendar_outside_year' | 'calendar_overlap' | 'calendar_gap' | 'calendar_grades_invalid';
  field: string;
  detail: string;
}

const overlaps = (a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) =>
  a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
const gradesIntersect = (a: { gradeFrom: number; gradeTo: number }, b: { gradeFrom: number; gradeTo: number }) =>
  a.gradeFrom <= b.gradeTo && b.gradeFrom <= a.gradeTo;
const gradesCover = (outer: { gradeFrom: number; gradeTo: number }, inner: { gradeFrom: number; gradeTo: number }) =>
  outer.gradeFrom <= inner.gradeFrom && outer.gradeTo >= inner.gradeTo;

export const termKindNames: Record<TermInput['kind'], string> = { quarter: 'четверть', trimester: 'триместр', half: 'полугодие' };

/** The first problem of a calendar, or null when it is valid. Fields are JSON pointers under `base` (e.g. `/body`). */
export function checkCalendar(
  year: { startsOn: string; endsOn: string },
  terms: TermInput[],
  holidays: HolidayInput[],
  base = '/body',
): CalendarProblem | null {
  if (year.startsOn >= year.endsOn) {
    return { code: 'date_range_invalid', field: `${base}/endsOn`, detail: 'the year must end after it starts' };
  }
  const ranges: Array<[string, { startsOn: string; endsOn: string; gradeFrom: number; gradeTo: number }]> = [
    ...terms.map((t, i) => [`${base}/terms/${i}`, t] as [string, TermInput]),
    ...holidays.map((h, i) => [`${base}/holidays/${i}`, h] as [string, HolidayInput]),
  ];
  for (const [field, r] of ranges) {
    if (r.startsOn > r.endsOn) return { code: 'date_range_invalid', field: `${field}/endsOn`, detail: `ends ${r.endsOn} before it starts ${r.startsOn}` };
    if (r.gradeFrom > r.gradeTo) return { code: 'calendar_grades_invalid', field: `${field}/gradeTo`, detail: `grades ${r.gradeFrom}–${r.gradeTo}` };
    if (r.startsOn < year.startsOn || r.endsOn > year.endsOn) {
      return { code: 'calendar_outside_year', field: `${field}/${r.startsOn < year.startsOn ? 'startsOn' : 'endsOn'}`, detail: `${r.startsOn}…${r.endsOn} is outside the year ${year.startsOn}…${year.endsOn}` };
    }
  }

  // Term groups by grade range.
  const groups = new Map<string, number[]>();
  terms.forEach((t, i) => {
    const key = `${t.gradeFrom}-${t.gradeTo}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const keys = [...groups.keys()];
  for (let a = 0; a < keys.length; a++) {
    for (let b = a + 1; b < keys.length; b++) {
      const ta = terms[groups.get(keys[a]!)![0]!]!;
      const bi = groups.get(keys[b]!)![0]!;
      const tb = terms[bi]!;
      if (gradesIntersect(ta, tb)) {
        return { code: 'calendar_grades_invalid', field: `${base}/terms/${bi}/gradeFrom`, detail: `grades ${tb.gradeFrom}–${tb.gradeTo} already follow the terms of grades ${ta.gradeFrom}–${ta.gradeTo}` };
      }
    }
  }

  for (const indexes of groups.values()) {
    const sorted = [...indexes].sort((x, y) => (terms[x]!.startsOn < terms[y]!.startsOn ? -1 : 1));
    for (let k = 0; k < sorted.length; k++) {
      const i = sorted[k]!;
      const t = terms[i]!;
      if (t.kind !== terms[sorted[0]!]!.kind) return { code: 'calendar_grades_invalid', field: `${base}/terms/${i}/kind`, detail: 'one grade range keeps one kind of term' };
      if (t.number !== k + 1) return { code: 'calendar_grades_invalid', field: `${base}/terms/${i}/number`, detail: `expected term number ${k + 1} in date order` };
      if (k === 0) continue;
      const prevIndex = sorted[k - 1]!;
      const prev = terms[prevIndex]!;
      if (overlaps(prev, t)) {
        return { code: 'calendar_overlap', field: `${base}/terms/${i}/startsOn`, detail: `term ${t.number} starts ${t.startsOn}, before term ${prev.number} ends ${prev.endsOn}` };
      }
      const uncovered = firstUncoveredWeekday(addDays(prev.endsOn, 1), addDays(t.startsOn, -1), holidays.filter((h) => gradesCover(h, t)));
      if (uncovered) {
        return { code: 'calendar_gap', field: `${base}/terms/${i}/startsOn`, detail: `${uncovered} lies between term ${prev.number} and term ${t.number} and is neither in a term nor in holidays of grades ${t.gradeFrom}–${t.gradeTo}` };
      }
    }
    for (const i of indexes) {
      const t = terms[i]!;
      const inside = (x: HolidayInput) => t.startsOn < x.startsOn && x.endsOn < t.endsOn;
      const h = holidays.findIndex((x) => gradesIntersect(x, t) && overlaps(x, t) && !inside(x));
      if (h >= 0) {
        return { code: 'calendar_overlap', field: `${base}/holidays/${h}/startsOn`, detail: `holidays ${holidays[h]!.startsOn}…${holidays[h]!.endsOn} cross the first or last day of term ${t.number} of grades ${t.gradeFrom}–${t.gradeTo}` };
      }
    }
  }
  for (let a = 0; a < holidays.length; a++) {
    for (let b = a + 1; b < holidays.length; b++) {
      if (gradesIntersect(holidays[a]!, holidays[b]!) && overlaps(holidays[a]!, holidays[b]!)) {
        return { code: 'calendar_overlap', field: `${base}/holidays/${b}/startsOn`, detail: `overlaps holidays «${holidays[a]!.name}»` };
      }
    }
  }
  return null;
}

function firstUncoveredWeekday(from: string, to: string, holidays: Array<{ startsOn: string; endsOn: string }>): string | null {
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isoWeekday(d) >= 6) continue;
    if (!holidays.some((h) => h.startsOn <= d && d <= h.endsOn)) return d;
  }
  return null;
}

/** Russian standard calendar for a year starting 1 September: quarters for 1–9, halves for 10–11, holidays incl. grade 1's February week. */
export function standardCalendar(yearStart: string): { name: string; startsOn: string; endsOn: string; terms: TermInput[]; holidays: HolidayInput[] } {
  const y = Number(yearStart.slice(0, 4));
  const n = y + 1;
  // Autumn holidays start on the Monday after the last full week of October; the others on fixed dates.
  const autumnStart = mondayOnOrAfter(`${y}-10-26`);
  const springStart = mondayOnOrAfter(`${n}-03-23`);
  const febWeek = mondayOnOrAfter(`${n}-02-16`);
  const q = (number: number, startsOn: string, endsOn: string): TermInput => ({ kind: 'quarter', number, name: `${number} четверть`, startsOn, endsOn, gradeFrom: 1, gradeTo: 9 });
  const h = (number: number, startsOn: string, endsOn: string): TermInput => ({ kind: 'half', number, name: `${number} полугодие`, startsOn, endsOn, gradeFrom: 10, gradeTo: 11 });
  const holiday = (name: string, startsOn: string, endsOn: string, gradeFrom = 1, gradeTo = 11): HolidayInput => ({ name, startsOn, endsOn, gradeFrom, gradeTo });
  const winterEnd = `${n}-01-11`;
  return {
    name: `${y}/${n}`,
    startsOn: yearStart,
    endsOn: `${n}-05-31`,
    terms: [
      q(1, yearStart, addDays(autumnStart, -1)),
      q(2, addDays(autumnStart, 9), `${y}-12-29`),
      q(3, addDays(winterEnd, 1), addDays(springStart, -1)),
      q(4, addDays(springStart, 9), `${n}-05-26`),
      h(1, yearStart, `${y}-12-29`),
      h(2, addDays(winterEnd, 1), `${n}-05-26`),
    ],
    holidays: [
      holiday('Осенние каникулы', autumnStart, addDays(autumnStart, 8)),
      holiday('Зимние каникулы', `${y}-12-30`, winterEnd),
      holiday('Дополнительные каникулы 1 класса', febWeek, addDays(febWeek, 6), 1, 1),
      holiday('Весенние каникулы', springStart, addDays(springStart, 8)),
      holiday('Летние каникулы', `${n}-05-27`, `${n}-05-31`),
    ],
  };
}

function mondayOnOrAfter(date: string): string {
  const wd = isoWeekday(date);
  return wd === 1 ? date : addDays(date, 8 - wd);
}
