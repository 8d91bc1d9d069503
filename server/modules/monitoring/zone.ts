/** Local dates and instants in a region's time zone, with the formatters kept (they are costly to build). */

// Building an Intl.DateTimeFormat costs about a millisecond: one per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date of an instant in a time zone (shared/dates.ts's localDateOf with a kept formatter). */
export function localDate(at: Date, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The UTC offset of a time zone at an instant, in ms (local − UTC). */
function offsetMs(at: Date, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of a local date and hour in a time zone (second pass settles a DST change). */
export function zonedInstant(date: string, hour: number, timeZone: string): Date {
  const naive = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const first = naive - offsetMs(new Date(naive), timeZone);
  return new Date(naive - offsetMs(new Date(first), timeZone));
}
