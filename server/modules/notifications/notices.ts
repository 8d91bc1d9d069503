/**
 * Notices derived from the marks table, not pushed by the journal: the
 * journal's hot write path stays untouched, and a notice can never be lost
 * to a crash between "mark committed" and "notice enqueued". The job keeps a
 * watermark (job_state 'marks_scanned_to') and rescans an overlap before it,
 * because a mark's entered_at is taken a moment before its transaction
 * commits; mark_notices (unique per mark × guardian) keeps the rescan from
 * notifying twice. Term and year marks are found the same way (term-notices.ts)
 * and told in the same message, in a section of their own. Everything of one
 * run is one transaction.
 */
import type { AppContext } from '../../context.js';
import { addDays, isoWeekday, localDateOf } from '../../../shared/dates.js';
import * as q from './outbox.queries.js';
import { periodKey, periodLine, periodNoticesFor, periodSubject, PERIOD_SECTION, recordTold, type PeriodNotice } from './term-notices.js';

const OVERLAP_MS = 5 * 60_000;
const FIRST_RUN_LOOKBACK_MS = 24 * 3_600_000;
/** Digests go out at this local hour: after lessons, when the day's marks are in. */
export const DIGEST_HOUR = 18;

type MarkRow = Awaited<ReturnType<typeof q.marksForGuardians>>[number];

/** The UTC instant of a local date and hour in a time zone. */
export function localInstant(date: string, hour: number, timeZone: string): Date {
  const guess = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .formatToParts(new Date(guess))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess - (shown - guess));
}

function line(m: MarkRow): string {
  const details = [m.workType, `вес ${m.weight}`, m.comment ? `«${m.comment}»` : ''].filter(Boolean).join(', ');
  return `${m.date.split('-').reverse().join('.')} · ${m.subject}: ${m.value} (${details})`;
}

function group<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
}

function childSections<T extends { childName: string; childSurname: string }>(rows: T[], format: (r: T) => string): string[] {
  return [...group(rows, (r) => `${r.childName} ${r.childSurname}`)].map(([child, items]) => `${child}\n${items.map((m) => `  ${format(m)}`).join('\n')}`);
}

function body(ctx: AppContext, intro: string, rows: MarkRow[], periods: PeriodNotice[]): string {
  const parts = childSections(rows, line);
  if (periods.length > 0) parts.push(PERIOD_SECTION, ...childSections(periods, periodLine));
  const settings = `${ctx.config.publicUrl.replace(/\/$/, '')}/diary/settings`;
  return `${intro}\n\n${parts.join('\n\n')}\n\nДневник: ${ctx.config.publicUrl}\nНастройка уведомлений: ${settings}\n`;
}

/** Guardians with lesson marks or term/year marks to hear of, in id order, with both lists. */
function byGuardian(rows: MarkRow[], periods: PeriodNotice[]) {
  const marks = group(rows, (r) => r.guardianId);
  const terms = group(periods, (r) => r.guardianId);
  const ids = [...new Set([...marks.keys(), ...terms.keys()])].sort((a, b) => a - b);
  return ids.map((guardianId) => {
    const m = marks.get(guardianId) ?? [];
    const p = terms.get(guardianId) ?? [];
    const first = m[0] ?? p[0]!;
    return { guardianId, marks: m, periods: p, schoolId: first.schoolId, email: first.email! };
  });
}

function instantSubject(marks: MarkRow[], periods: PeriodNotice[]): string {
  if (marks.length + periods.length > 1) return `Новые отметки (${marks.length + periods.length})`;
  return marks[0] ? `Новая отметка: ${marks[0].subject} ${marks[0].value}` : periodSubject(periods[0]!);
}

/** Instant notices: one message per guardian per run, listing the new marks of their children. */
export async function deriveInstantNotices(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const mark = await q.readState(trx, 'marks_scanned_to');
    const after = new Date((mark ? new Date(mark).getTime() - OVERLAP_MS : now.getTime() - FIRST_RUN_LOOKBACK_MS)).toISOString();
    const rows = await q.marksForGuardians(trx, 'instant', after, nowIso);
    const known = new Set((await q.noticedMarkIds(trx, [...new Set(rows.map((r) => r.markId))])).map((n) => `${n.mark_id}:${n.guardian_person_id}`));
    const fresh = rows.filter((r) => !known.has(`${r.markId}:${r.guardianId}`));
    const periods = await periodNoticesFor(trx, 'instant', after, nowIso);
    await recordTold(trx, periods, nowIso);
    let messages = 0;
    for (const g of byGuardian(fresh, periods)) {
      for (const m of g.marks) {
        await q.recordMarkNotice(trx, { school_id: m.schoolId, mark_id: m.markId, guardian_person_id: g.guardianId, created_at: nowIso });
      }
      const onlyChanges = g.marks.length === 0 && g.periods.every((p) => p.change);
      const created = await q.enqueue(
        trx,
        {
          schoolId: g.schoolId,
          personId: g.guardianId,
          kind: 'mark_instant',
          dedupeKey: `instant:${g.guardianId}:${g.marks[0] ? g.marks[0].markId : periodKey(g.periods[0]!)}`,
          to: g.email,
          subject: instantSubject(g.marks, g.periods),
          body: body(ctx, onlyChanges ? 'В дневнике изменены отметки.' : 'В дневнике новые отметки.', g.marks, g.periods),
        },
        nowIso,
      );
      if (created) messages++;
    }
    await q.writeState(trx, 'marks_scanned_to', nowIso);
    return messages;
  });
}

/**
 * Daily and weekly digests: the latest digest moment that has passed (daily
 * at DIGEST_HOUR local, weekly on Saturday at DIGEST_HOUR) is handled once
 * (job_state), over the marks entered since the moment before it; a server
 * that was down at that hour sends the digest when it comes back.
 */
export async function deriveDigests(ctx: AppContext): Promise<number> {
  const tz = ctx.config.timeZone;
  const now = ctx.clock.now();
  const today = localDateOf(now, tz);
  const dayDate = now >= localInstant(today, DIGEST_HOUR, tz) ? today : addDays(today, -1);
  const back = (isoWeekday(today) + 1) % 7; // days since the last Saturday (0 on Saturday)
  let saturday = addDays(today, -back);
  if (now < localInstant(saturday, DIGEST_HOUR, tz)) saturday = addDays(saturday, -7);
  let messages = 0;
  messages += await digest(ctx, 'daily', dayDate, localInstant(addDays(dayDate, -1), DIGEST_HOUR, tz), localInstant(dayDate, DIGEST_HOUR, tz));
  messages += await digest(ctx, 'weekly', saturday, localInstant(addDays(saturday, -7), DIGEST_HOUR, tz), localInstant(saturday, DIGEST_HOUR, tz));
  return messages;
}

async function digest(ctx: AppContext, mode: 'daily' | 'weekly', date: string, from: Date, to: Date): Promise<number> {
  const stateName = `digest_${mode}`;
  const nowIso = ctx.clock.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const done = await q.readState(trx, stateName);
    if (done !== null && done >= date) return 0;
    const rows = await q.marksForGuardians(trx, mode, from.toISOString(), to.toISOString());
    const periods = await periodNoticesFor(trx, mode, from.toISOString(), to.toISOString());
    await recordTold(trx, periods, nowIso);
    let messages = 0;
    const when = date.split('-').reverse().join('.');
    for (const g of byGuardian(rows, periods)) {
      const created = await q.enqueue(
        trx,
        {
          schoolId: g.schoolId,
          personId: g.guardianId,
          kind: `digest_${mode}`,
          dedupeKey: `${mode}:${g.guardianId}:${date}`,
          to: g.email,
          subject: mode === 'daily' ? `Отметки за ${when}` : `Отметки за неделю по ${when}`,
          body: body(ctx, mode === 'daily' ? `Отметки, поставленные за день ${when}.` : `Отметки, поставленные за неделю по ${when}.`, g.marks, g.periods),
        },
        nowIso,
      );
      if (created) messages++;
    }
    await q.writeState(trx, stateName, date);
    return messages;
  });
}
