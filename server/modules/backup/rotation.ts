/**
 * Which backups to keep: a pure function of the backups' instants, today and
 * the retention settings (grandfather-father-son). Each tier keeps the OLDEST
 * backup of each of its periods (day, ISO week, month, year) whose period
 * started inside the tier's window, so a kept copy stays kept until its
 * period ages out: rotating every night gives the same set as rotating once
 * over the full history. The newest backup is always kept.
 */
import { addDays, mondayOf } from '../../../shared/dates.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Local date of an instant; the formatter is cached because rotation runs it for every backup of five years. */
function localDateOf(instant: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(instant);
}

export interface Retention {
  dailyDays: number;
  weeklyMonths: number;
  monthlyMonths: number;
  yearlyYears: number;
}

export interface RotationItem {
  name: string;
  /** ISO UTC instant the backup was made. */
  createdAt: string;
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The names to keep; every other backup may be deleted. */
export function backupsToKeep(items: RotationItem[], now: Date, timeZone: string, retention: Retention): Set<string> {
  const today = localDateOf(now, timeZone);
  const sorted = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
  const keep = new Set<string>();
  if (sorted.length > 0) keep.add(sorted.at(-1)!.name);
  const tiers: Array<{ period: (date: string) => string; since: string }> = [
    { period: (d) => d, since: addDays(today, -retention.dailyDays) },
    { period: (d) => mondayOf(d), since: addMonths(today, -retention.weeklyMonths) },
    { period: (d) => `${d.slice(0, 7)}-01`, since: addMonths(today, -retention.monthlyMonths) },
    { period: (d) => `${d.slice(0, 4)}-01-01`, since: addMonths(today, -12 * retention.yearlyYears) },
  ];
  for (const tier of tiers) {
    const seen = new Set<string>();
    for (const item of sorted) {
      const period = tier.period(localDateOf(new Date(item.createdAt), timeZone));
      // A period counts while it started after the cut-off; its oldest copy represents it.
      if (period <= tier.since || seen.has(period)) continue;
      seen.add(period);
      keep.add(item.name);
    }
  }
  return keep;
}
