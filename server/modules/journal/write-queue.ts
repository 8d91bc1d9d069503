/**
 * Group commit for journal writes. Requests that arrive while a transaction is
 * committing wait in a small queue and are written together in the next one;
 * each request is acknowledged only after that commit returned (durable:
 * SQLite runs with synchronous=FULL). One fsync then serves many teachers.
 *
 * A job validates first and writes after (it throws an AppError only before
 * its first write), so a refused job leaves nothing behind and the others of
 * the batch go on. If the batch transaction fails for any other reason, each
 * job is retried alone in its own transaction, so one bad job never sinks
 * the rest.
 */
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import * as monitoring from '../monitoring/monitoring.service.js';
import type { JournalActivity } from '../monitoring/monitoring.service.js';
import { AuditBuffer } from './audit.js';
import { bumpRevision } from './revisions.queries.js';

export interface BatchScope {
  /** The database, for prepared hot queries run inside `trx` (see db/hot.ts). */
  db: Db;
  trx: Transaction<Database>;
  audit: AuditBuffer;
  now: string;
  /** Per-batch memo (lesson contexts, memberships): valid inside one transaction only. */
  memo: Map<string, unknown>;
  /** Grids whose revision this batch must bump: `${schoolId}:${courseId}:${termId}`. */
  touched: Set<string>;
  /** New marks per school and day, added to the rollout counters before the commit. */
  activity: Map<string, JournalActivity>;
}

export type Job<T> = (scope: BatchScope) => Promise<T>;

interface Pending {
  job: Job<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 256;

export class WriteQueue {
  private pending: Pending[] = [];
  private running = false;
  constructor(
    private readonly ctx: AppContext,
    private readonly afterCommit: (touched: Set<string>) => void,
  ) {}

  submit<T>(job: Job<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ job: job as Job<unknown>, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * better-sqlite3 commits synchronously: while one commit waits for its fsync
   * the event loop reads no new requests. So a batch starts only after the
   * loop has had its turn at the sockets (setImmediate runs after the poll
   * phase): every request that arrived meanwhile joins the same commit.
   */
  private schedule(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => void this.drainOne());
  }

  private async drainOne(): Promise<void> {
    try {
      const batch = this.pending.splice(0, MAX_BATCH);
      if (batch.length > 0) await this.runBatch(batch);
    } finally {
      this.running = false;
      if (this.pending.length > 0) this.schedule();
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    let outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
    try {
      outcomes = await this.transaction(batch);
    } catch {
      // Something unexpected sank the whole batch: nothing of it was committed. Retry one by one.
      if (batch.length === 1) {
        outcomes = [{ ok: false, error: await this.transaction(batch).then(() => new Error('unreachable'), (e: unknown) => e) }];
      } else {
        outcomes = [];
        for (const p of batch) {
          try {
            outcomes.push(...(await this.transaction([p])));
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }
    }
    // Acknowledge only now: the commit has returned.
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }

  private async transaction(batch: Pending[]) {
    const touched = new Set<string>();
    const outcomes = await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const now = this.ctx.clock.now().toISOString();
      const scope: BatchScope = { db: this.ctx.db, trx, audit: new AuditBuffer(this.ctx.db, trx, now), now, memo: new Map(), touched, activity: new Map() };
      const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      for (const p of batch) {
        const auditBefore = scope.audit.size;
        try {
          results.push({ ok: true, value: await p.job(scope) });
        } catch (error) {
          // A refusal before any write is that job's answer; anything else aborts the batch.
          if (!(error instanceof AppError) || scope.audit.size !== auditBefore) throw error;
          results.push({ ok: false, error });
        }
      }
      for (const counter of scope.activity.values()) await monitoring.recordJournalActivity(this.ctx.db, trx, counter);
      await scope.audit.flush();
      for (const key of touched) {
        const [schoolId, courseId, termId] = key.split(':').map(Number) as [number, number, number];
        await bumpRevision(this.ctx.db, schoolId, courseId, termId, trx);
      }
      return results;
    });
    this.afterCommit(touched);
    return outcomes;
  }
}
