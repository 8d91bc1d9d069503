/** When the nightly backup runs: a set local hour in the region's time zone. Pure. */
import { addDays, localDateOf } from '../../../shared/dates.js';

/** The UTC instant at which local time in `timeZone` is `date` `hour`:00. */
export function instantAtLocal(date: string, hour: number, timeZone: string): Date {
  const guess = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  // Two passes settle the offset also across a DST change.
  let result = guess;
  for (let i = 0; i < 2; i++) result = new Date(guess.getTime() - offsetMs(result, timeZone));
  return result;
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The next run strictly after `now`. */
export function nextBackupAt(now: Date, hour: number, timeZone: string): Date {
  const today = localDateOf(now, timeZone);
  const candidate = instantAtLocal(today, hour, timeZone);
  return candidate.getTime() > now.getTime() ? candidate : instantAtLocal(addDays(today, 1), hour, timeZone);
}
