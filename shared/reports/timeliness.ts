/**
 * Timeliness of journal entries (design.md): a mark or topic entered more
 * than `lateAfterSchoolDays` school days after its lesson is late. A school
 * day is a date on which the school holds lessons, so weekends, holidays and
 * five- or six-day weeks follow the school's own timetable.
 */

/** Index of the first element > value in a sorted array. */
function upperBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** School days d with lessonDate < d ≤ entryDate; `schoolDays` sorted ascending, unique. */
export function schoolDaysBetween(schoolDays: readonly string[], lessonDate: string, entryDate: string): number {
  if (entryDate <= lessonDate) return 0;
  return upperBound(schoolDays, entryDate) - upperBound(schoolDays, lessonDate);
}

export function isLate(schoolDays: readonly string[], lessonDate: string, entryDate: string, lateAfterSchoolDays: number): boolean {
  return schoolDaysBetween(schoolDays, lessonDate, entryDate) > lateAfterSchoolDays;
}

/** The number of calendar days from `from` to `to` inclusive (for the one-year limit of date ranges). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
