/**
 * The checks of one crash-safety round, on the database file after SIGKILL
 * (the server is down): SQLite's integrity check, every acknowledged change
 * in the marks table and in the audit log, in-flight requests all-or-nothing,
 * nothing written that nobody asked for, and the audit chain verified by the
 * same function as `otmetka audit verify`. Then the writers' models are
 * brought in line with the database (in-flight requests that did commit).
 */
import type { AppContext } from '../../server/context.js';
import { verifyAuditChains } from '../../server/modules/journal/journal.service.js';
import { keyOf, type AckedChange, type PlannedChange, type Writer } from './crash-writers.js';

export interface RoundCheck {
  integrity: string;
  /** Acknowledged changes of the round found in the marks table (final state) and the audit log. */
  checked: number;
  /** Acknowledged changes missing from the database or the audit log, or overwritten by nothing acknowledged. */
  lost: string[];
  /** Other problems: torn requests, marks or audit records nobody wrote. */
  problems: string[];
  /** In-flight requests at the kill, and how many of them had committed. */
  inFlight: number;
  inFlightCommitted: number;
  chain: { records: number; schools: number; broken: number };
  lastAuditId: number;
}

interface MarkRow {
  id: number;
  lesson_id: number;
  student_person_id: number;
  value: string;
  version: number;
  deleted: number;
}

type State = { value: string | null; version: number };
const same = (row: MarkRow | undefined, s: State) => !!row && row.version === s.version && (s.value === null ? row.deleted === 1 : row.deleted === 0 && row.value === s.value);
const show = (row: MarkRow | undefined) => (row ? `${row.deleted ? 'deleted' : row.value} v${row.version}` : 'missing');

export async function checkRound(ctx: AppContext, writers: Writer[], acked: AckedChange[], sinceAuditId: number): Promise<RoundCheck> {
  const db = ctx.db.kysely;
  const integrity = (ctx.db.sqlite!.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  const lost: string[] = [];
  const problems: string[] = [];
  let inFlight = 0;
  let inFlightCommitted = 0;
  let committedChanges = 0;
  const { rows, byCell } = await ownedMarks(ctx, writers);

  for (const w of writers) {
    const pending = new Map<number, PlannedChange>();
    const pendingNew = new Map<string, PlannedChange[]>();
    for (const c of w.pending ?? []) {
      if (c.markId !== undefined) pending.set(c.markId, c);
      else pendingNew.set(keyOf(c.cell), [...(pendingNew.get(keyOf(c.cell)) ?? []), c]);
    }
    // Per change of the in-flight request: did it commit? All or none must have.
    const outcomes: boolean[] = [];
    for (const cell of w.cells) {
      const key = keyOf(cell);
      const dbMarks = new Map((byCell.get(key) ?? []).map((r) => [r.id, r]));
      for (const [markId, m] of w.live.get(key) ?? []) {
        const row = dbMarks.get(markId);
        dbMarks.delete(markId);
        const p = pending.get(markId);
        if (same(row, m)) {
          if (p) outcomes.push(false);
        } else if (p && same(row, { value: p.value, version: p.version! + 1 })) {
          outcomes.push(true);
        } else {
          lost.push(`writer ${w.index} ${key} mark ${markId}: acknowledged ${m.value} v${m.version}, database has ${show(row)}`);
        }
      }
      for (const [markId, version] of w.deleted) {
        if (!dbMarks.has(markId)) continue;
        const row = dbMarks.get(markId)!;
        dbMarks.delete(markId);
        if (!same(row, { value: null, version })) lost.push(`writer ${w.index} ${key} mark ${markId}: acknowledged delete v${version}, database has ${show(row)}`);
      }
      // Marks of the cell nobody acknowledged: only the in-flight request's new marks may be there.
      const fresh = [...dbMarks.values()].filter((r) => !w.deleted.has(r.id));
      const wanted = pendingNew.get(key) ?? [];
      if (fresh.length === 0) wanted.forEach(() => outcomes.push(false));
      else if (fresh.length === wanted.length && fresh.every((r, i) => r.deleted === 0 && r.version === 1 && r.value === wanted[i]!.value)) wanted.forEach(() => outcomes.push(true));
      else problems.push(`writer ${w.index} ${key}: marks nobody acknowledged: ${fresh.map((r) => `${r.id}=${show(r)}`).join(', ')} (in flight: ${wanted.map((c) => c.value).join(', ') || 'none'})`);
    }
    const ids = new Set(rows.map((r) => r.id));
    for (const [markId, version] of w.deleted) {
      if (!ids.has(markId)) lost.push(`writer ${w.index} mark ${markId}: acknowledged delete v${version}, the row is gone`);
    }
    if (w.pending) {
      inFlight++;
      if (outcomes.length > 0 && outcomes.every(Boolean)) {
        inFlightCommitted++;
        committedChanges += w.pending.length;
      } else if (outcomes.some(Boolean)) problems.push(`writer ${w.index}: in-flight request half committed (${outcomes.map((o) => (o ? 'yes' : 'no')).join(', ')})`);
    }
  }

  // Every acknowledged change has its audit record; no audit record without a change behind it.
  const cellKeys = new Set(writers.flatMap((w) => w.cells.map(keyOf)));
  const audit = await db.selectFrom('audit_log').select(['id', 'entity', 'entity_key', 'action', 'old_json', 'new_json']).where('id', '>', sinceAuditId).orderBy('id').execute();
  const records = new Map<string, number>();
  for (const r of audit) {
    if (r.entity !== 'mark' || !cellKeys.has(r.entity_key)) continue;
    const data = JSON.parse((r.action === 'delete' ? r.old_json : r.new_json) ?? '{}') as { markId?: number; value?: string };
    const k = `${r.action}:${data.markId}:${data.value}`;
    records.set(k, (records.get(k) ?? 0) + 1);
  }
  const unmatched = new Map(records);
  let checked = 0;
  for (const a of acked) {
    const k = `${a.action}:${a.markId}:${a.value}`;
    const n = unmatched.get(k) ?? 0;
    if (n === 0) lost.push(`${a.action} of mark ${a.markId} (${a.value}) acknowledged, no audit record`);
    else {
      unmatched.set(k, n - 1);
      checked++;
    }
  }
  const extra = [...unmatched.values()].reduce((n, v) => n + v, 0);
  if (extra !== committedChanges) problems.push(`${extra} audit records of marks beyond the acknowledged changes, ${committedChanges} expected (committed in-flight changes)`);

  const chain = await verifyAuditChains(ctx);
  for (const b of chain.broken) problems.push(`audit chain of school ${b.schoolId} broken at seq ${b.seq}: ${b.problem}`);
  const lastAuditId = audit.length > 0 ? audit[audit.length - 1]!.id : sinceAuditId;
  resync(writers, byCell);
  return { integrity, checked, lost, problems, inFlight, inFlightCommitted, chain: { records: chain.records, schools: chain.schools, broken: chain.broken.length }, lastAuditId };
}

async function ownedMarks(ctx: AppContext, writers: Writer[]): Promise<{ rows: MarkRow[]; byCell: Map<string, MarkRow[]> }> {
  const lessonIds = [...new Set(writers.flatMap((w) => w.cells.map((c) => c.lessonId)))];
  const rows: MarkRow[] = [];
  for (let i = 0; i < lessonIds.length; i += 500) {
    const part = lessonIds.slice(i, i + 500);
    rows.push(...(await ctx.db.kysely.selectFrom('marks').select(['id', 'lesson_id', 'student_person_id', 'value', 'version', 'deleted']).where('lesson_id', 'in', part).orderBy('id').execute()));
  }
  const byCell = new Map<string, MarkRow[]>();
  for (const r of rows) {
    const k = keyOf({ lessonId: r.lesson_id, studentId: r.student_person_id });
    byCell.set(k, [...(byCell.get(k) ?? []), r]);
  }
  return { rows, byCell };
}

/** Before the first round: the writers start from what the dataset already holds in their cells. */
export async function loadModels(ctx: AppContext, writers: Writer[]): Promise<number> {
  resync(writers, (await ownedMarks(ctx, writers)).byCell);
  const last = await ctx.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(last?.id ?? 0);
}

/** The database is now the truth for every owned cell (in-flight requests either committed or not). */
function resync(writers: Writer[], byCell: Map<string, MarkRow[]>): void {
  for (const w of writers) {
    w.pending = null;
    for (const cell of w.cells) {
      const key = keyOf(cell);
      const live = new Map<number, { value: string; version: number }>();
      for (const r of byCell.get(key) ?? []) {
        if (r.deleted === 0) live.set(r.id, { value: r.value, version: r.version });
        else w.deleted.set(r.id, r.version);
      }
      w.live.set(key, live);
    }
  }
}
