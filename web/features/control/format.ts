/** Shares and instants as the pages show them (the files format on the server). */
export function pct(share: number | null, lang: string): string {
  if (share === null) return '—';
  return `${(Math.round(share * 1000) / 10).toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

export function num(value: number | null, lang: string): string {
  if (value === null) return '—';
  return value.toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 2 });
}

export function when(instant: string | null, lang: string): string {
  if (!instant) return '—';
  return new Date(instant).toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { timeZone: 'Asia/Chita', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
