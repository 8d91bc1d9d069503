/**
 * The audit log: append-only, one SHA-256 hash chain per school (order 6.3–6.4).
 *
 * A record's hash covers a canonical serialisation of what it says — seq, at,
 * actor, entity, entity key, action, old, new, reason and the previous hash —
 * and never the record's own database id nor its school id, so a school's log
 * exported to another installation (new ids) still verifies. Importers copy
 * these columns verbatim. The chain head of each school is kept in
 * audit_heads, so appending reads one row instead of the log.
 */
import { hash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import * as q from './audit.queries.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  actor_person_id: number;
  entity: string;
  entity_key: string;
  action: string;
  old_json: string | null;
  new_json: string | null;
  reason: string;
  prev_hash: string;
}

/** The canonical text hashed for a record: a JSON array in a fixed order. */
export function canonical(r: AuditFields): string {
  return JSON.stringify([r.seq, r.at, r.actor_person_id, r.entity, r.entity_key, r.action, r.old_json, r.new_json, r.reason, r.prev_hash]);
}

/** One-shot hashing: a third of createHash().update().digest()'s cost per record. */
export function hashRecord(r: AuditFields): string {
  return hash('sha256', canonical(r), 'hex');
}

export interface AuditEntry {
  schoolId: number;
  actorPersonId: number;
  entity: 'mark' | 'attendance' | 'term_mark' | 'year_mark' | 'lesson' | 'homework_file' | 'term_lock' | 'correction' | 'demo_batch';
  entityKey: string;
  action: 'create' | 'update' | 'delete' | 'batch';
  old: unknown;
  new: unknown;
  reason?: string;
}

/**
 * Collects the audit records of one transaction: the head of each school is
 * read (and locked) once, sequence numbers and hashes are assigned as records
 * arrive, and all rows are written by flush() before the commit.
 */
export class AuditBuffer {
  private heads = new Map<number, { seq: number; hash: string }>();
  private rows: Array<AuditFields & { school_id: number; hash: string }> = [];
  constructor(
    private readonly db: Db,
    private readonly trx: Transaction<Database> | Kysely<Database>,
    private readonly at: string,
  ) {}

  private async head(schoolId: number) {
    let head = this.heads.get(schoolId);
    if (!head) {
      head = await q.lockHead(this.db, this.trx, schoolId);
      this.heads.set(schoolId, head);
    }
    return head;
  }

  /** Appends a record; returns its sequence number in the school's chain. */
  async append(e: AuditEntry): Promise<number> {
    const head = await this.head(e.schoolId);
    const fields: AuditFields = {
      seq: head.seq + 1,
      at: this.at,
      actor_person_id: e.actorPersonId,
      entity: e.entity,
      entity_key: e.entityKey,
      action: e.action,
      old_json: e.old == null ? null : JSON.stringify(e.old),
      new_json: e.new == null ? null : JSON.stringify(e.new),
      reason: e.reason ?? '',
      prev_hash: head.hash,
    };
    const hash = hashRecord(fields);
    this.rows.push({ ...fields, school_id: e.schoolId, hash });
    head.seq = fields.seq;
    head.hash = hash;
    return fields.seq;
  }

  get size(): number {
    return this.rows.length;
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await q.insertAuditRows(this.db, this.trx, this.rows);
    for (const [schoolId, head] of this.heads) await q.saveHead(this.db, this.trx, schoolId, head);
    this.rows = [];
  }
}

export interface ChainReport {
  schools: number;
  records: number;
  /** The first broken record of each broken chain. */
  broken: Array<{ schoolId: number; seq: number; id: number; problem: string }>;
}

/** Walks every chain (or one school's) and names the first broken record of each. */
export async function verifyChains(db: Kysely<Database>, schoolId?: number): Promise<ChainReport> {
  const schoolIds = schoolId !== undefined ? [schoolId] : await q.schoolsWithAudit(db);
  const report: ChainReport = { schools: schoolIds.length, records: 0, broken: [] };
  for (const id of schoolIds) {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let afterSeq = 0;
    let problem: ChainReport['broken'][number] | null = null;
    for (;;) {
      const page = await q.auditPage(db, id, afterSeq, 5000);
      if (page.length === 0) break;
      for (const r of page) {
        report.records++;
        if (problem) continue;
        if (r.seq !== expectedSeq) problem = { schoolId: id, seq: r.seq, id: r.id, problem: `sequence gap: expected ${expectedSeq}` };
        else if (r.prev_hash !== prev) problem = { schoolId: id, seq: r.seq, id: r.id, problem: 'prev_hash does not match the previous record' };
        else if (hashRecord(r) !== r.hash) problem = { schoolId: id, seq: r.seq, id: r.id, problem: 'hash does not match the record’s content' };
        prev = r.hash;
        expectedSeq = r.seq + 1;
      }
      afterSeq = page[page.length - 1]!.seq;
    }
    if (!problem) {
      const head = await q.readHead(db, id);
      if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
        problem = { schoolId: id, seq: expectedSeq, id: 0, problem: `records missing at the end: the head says ${head.seq}` };
      }
    }
    if (problem) report.broken.push(problem);
  }
  return report;
}
