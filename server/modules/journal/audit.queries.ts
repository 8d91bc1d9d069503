import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../db/dialect.js';
import { hotQuery } from '../../db/hot.js';
import type { Database } from '../../db/schema.js';
import type { AuditFields } from './audit.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Reads a school's chain head and holds it for the transaction: the no-op
 * update takes the row lock on PostgreSQL (SQLite has one writer anyway),
 * so two processes never append the same sequence number. One statement
 * both locks and reads (update … returning, in both databases).
 */
const lockHeadRow = hotQuery((db) =>
  db
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('school_id', '=', 0)
    .returning(['seq', 'hash']),
);
const insertHead = hotQuery((db) =>
  db
    .insertInto('audit_heads')
    .values({ school_id: 0, seq: sql.lit(0), hash: sql.lit('0'.repeat(64)) })
    .onConflict((oc) => oc.column('school_id').doNothing()),
);
const writeHead = hotQuery((db) => db.updateTable('audit_heads').set({ seq: 0, hash: '' }).where('school_id', '=', 0));

export async function lockHead(db: Db, via: Q, schoolId: number): Promise<{ seq: number; hash: string }> {
  let head = await lockHeadRow.first(db, [schoolId], via);
  if (!head) {
    await insertHead.run(db, [schoolId], via);
    head = (await lockHeadRow.first(db, [schoolId], via))!;
  }
  return { seq: Number(head.seq), hash: head.hash };
}

export function readHead(db: Q, schoolId: number) {
  return db.selectFrom('audit_heads').select(['seq', 'hash']).where('school_id', '=', schoolId).executeTakeFirst();
}

export async function saveHead(db: Db, via: Q, schoolId: number, head: { seq: number; hash: string }) {
  await writeHead.run(db, [head.seq, head.hash, schoolId], via);
}

type AuditRow = AuditFields & { school_id: number; hash: string };
const AUDIT_COLUMNS = ['school_id', 'seq', 'at', 'actor_person_id', 'entity', 'entity_key', 'action', 'old_json', 'new_json', 'reason', 'prev_hash', 'hash'] as const;
const insertAuditRow = hotQuery((db) => db.insertInto('audit_log').values(Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, 0])) as never));

const PG_CHUNK = 500;
/**
 * A transaction's audit records. On SQLite one prepared single-row insert per
 * record: measured on the write path, a 64-row statement built with Kysely
 * cost about 25 µs a record against about 8 for the prepared row (binding
 * hundreds of parameters into one statement costs more than running a small
 * one many times, as in db/bulk.ts). On PostgreSQL each statement is a round
 * trip, so records go in multi-row statements.
 */
export async function insertAuditRows(db: Db, via: Q, rows: AuditRow[]) {
  if (db.sqlite) {
    for (const row of rows) await insertAuditRow.run(db, AUDIT_COLUMNS.map((c) => row[c]), via);
    return;
  }
  for (let i = 0; i < rows.length; i += PG_CHUNK) await via.insertInto('audit_log').values(rows.slice(i, i + PG_CHUNK)).execute();
}

export async function schoolsWithAudit(db: Q): Promise<number[]> {
  const rows = await db.selectFrom('audit_heads').select('school_id').orderBy('school_id').execute();
  return rows.map((r) => r.school_id);
}

export function auditPage(db: Q, schoolId: number, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'seq', 'at', 'actor_person_id', 'entity', 'entity_key', 'action', 'old_json', 'new_json', 'reason', 'prev_hash', 'hash'])
    .where('school_id', '=', schoolId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export function auditForKey(db: Q, schoolId: number, entityKeys: string[]) {
  return db
    .selectFrom('audit_log')
    .leftJoin('persons', 'persons.id', 'audit_log.actor_person_id')
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.entity', 'audit_log.action', 'audit_log.old_json', 'audit_log.new_json', 'audit_log.reason', 'persons.surname', 'persons.name', 'persons.patronymic'])
    .where('audit_log.school_id', '=', schoolId)
    .where('audit_log.entity_key', 'in', entityKeys)
    .orderBy('audit_log.seq')
    .execute();
}
