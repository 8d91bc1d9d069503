/** 2026-10-14 → 14.10 (or 14.10.2026 with the year): dates as Russian and English school users write them. */
export function shortDate(date: string, withYear = false): string {
  const [y, m, d] = date.split('-');
  return withYear ? `${d}.${m}.${y}` : `${d}.${m}`;
}
