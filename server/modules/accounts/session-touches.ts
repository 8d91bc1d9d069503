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
  /** Session id → the newest instant it was seen; kept until a commit has written that instant. */
  seen: Map<number, string>;
  timer: NodeJS.Timeout | null;
}

const batches = new WeakMap<Db, Batch>();

function batchOf(db: Db): Batch {
  let batch = batches.get(db);
  if (!batch) batches.set(db, (batch = { seen: new Map(), timer: null }));
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
  const noted = batches.get(ctx.db)?.seen.get(sessionId);
  return noted && noted > stored ? noted : stored;
}

/** Writes the noted touches now, in one transaction (also on shutdown, before the database closes). */
export async function flushSessionTouches(ctx: AppContext): Promise<void> {
  const batch = batchOf(ctx.db);
  if (batch.timer) clearTimeout(batch.timer);
  batch.timer = null;
  const writing = [...batch.seen];
  if (writing.length === 0) return;
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      for (const [sessionId, at] of writing) await q.touchSession(trx, sessionId, at);
    });
    // A session seen again while this was written keeps its newer instant for the next batch.
    for (const [sessionId, at] of writing) if (batch.seen.get(sessionId) === at) batch.seen.delete(sessionId);
  } catch (error) {
    // The notes stay and go with the next batch; until then the idle limit counts them.
    ctx.logger.warn({ err: error, sessions: writing.length }, 'session touches not written');
  }
}
