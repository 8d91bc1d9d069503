/**
 * A session's last_seen_at (its idle timeout) is written in batches: a
 * request never waits for a durable commit of this bookkeeping, and a busy
 * evening costs one commit a second instead of one per session every few
 * minutes. A crash loses at most the last second's touches, which only
 * shortens a three-day idle timeout by that second.
 */
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/dialect.js';
import * as q from './accounts.queries.js';

const FLUSH_AFTER_MS = 1000;

interface Batch {
  /** Session id → the newest instant it was seen, not yet being written. */
  seen: Map<number, string>;
  /** The instants a flush is writing now: still the newest known until its commit. */
  writing: Map<number, string>;
  timer: NodeJS.Timeout | null;
}

const batches = new WeakMap<Db, Batch>();

function batchOf(db: Db): Batch {
  let batch = batches.get(db);
  if (!batch) batches.set(db, (batch = { seen: new Map(), writing: new Map(), timer: null }));
  return batch;
}

/** Notes that the session was seen at `at`; written with the others within a second. */
export function touchSessionLater(ctx: AppContext, sessionId: number, at: string): void {
  const batch = batchOf(ctx.db);
  const known = batch.seen.get(sessionId);
  if (!known || known < at) batch.seen.set(sessionId, at);
  if (batch.timer) return;
  batch.timer = setTimeout(() => void flushSessionTouches(ctx), FLUSH_AFTER_MS);
  // Nothing else to do should not keep the process alive for this.
  batch.timer.unref();
}

/** The session's last activity: the stored instant, or a newer one noted but not yet written. */
export function lastSeenOf(ctx: AppContext, sessionId: number, stored: string): string {
  const batch = batches.get(ctx.db);
  let latest = stored;
  for (const noted of [batch?.writing.get(sessionId), batch?.seen.get(sessionId)]) if (noted && noted > latest) latest = noted;
  return latest;
}

/** Writes the noted touches now, in one transaction (also on shutdown, before the database closes). */
export async function flushSessionTouches(ctx: AppContext): Promise<void> {
  const batch = batchOf(ctx.db);
  if (batch.timer) clearTimeout(batch.timer);
  batch.timer = null;
  if (batch.seen.size === 0) return;
  const seen = [...batch.seen];
  batch.seen.clear();
  for (const [sessionId, at] of seen) batch.writing.set(sessionId, at);
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      for (const [sessionId, at] of seen) await q.touchSession(trx, sessionId, at);
    });
  } catch (error) {
    // Only the idle timeout's start is late; the next request of each session notes it again.
    ctx.logger.warn({ err: error, sessions: seen.length }, 'session touches not written');
  } finally {
    for (const [sessionId, at] of seen) if (batch.writing.get(sessionId) === at) batch.writing.delete(sessionId);
  }
}
