/**
 * School weeks (Monday–Saturday) within academic years: which week a page
 * shows and where its previous/next buttons lead. One rule for the diary and
 * the class teacher's pages, so none of them offers a week the server refuses.
 */
import { addDays, mondayOf, type LocalDate } from './dates.js';

export interface YearSpan {
  yearStart: LocalDate;
  yearEnd: LocalDate;
}

/** Does any of the academic years overlap the dates? */
export function inYears(years: YearSpan[], from: LocalDate, to: LocalDate): boolean {
  return years.some((y) => y.yearStart <= to && y.yearEnd >= from);
}

/**
 * The Monday of the week to show: the asked one, or, without one, the week of
 * today (in summer the nearest week of the latest year rather than an empty
 * page). Null when the asked week lies outside every year.
 */
export function weekToShow(years: YearSpan[], week: LocalDate | undefined, today: LocalDate): LocalDate | null {
  if (week !== undefined) {
    const monday = mondayOf(week);
    return inYears(years, monday, addDays(monday, 5)) ? monday : null;
  }
  const monday = mondayOf(today);
  if (years.length === 0 || inYears(years, monday, addDays(monday, 5))) return monday;
  const last = years.reduce((a, b) => (a.yearEnd > b.yearEnd ? a : b));
  return mondayOf(today > last.yearEnd ? last.yearEnd : last.yearStart);
}

/** The weeks before and after, each null where it would leave the years. */
export function neighbourWeeks(years: YearSpan[], monday: LocalDate): { prevWeek: LocalDate | null; nextWeek: LocalDate | null } {
  const prev = addDays(monday, -7);
  const next = addDays(monday, 7);
  return {
    prevWeek: inYears(years, prev, addDays(prev, 5)) ? prev : null,
    nextWeek: inYears(years, next, addDays(next, 5)) ? next : null,
  };
}
