import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../db/dialect.js';
import { hotQuery } from '../../db/hot.js';
import type { Database } from '../../db/schema.js';
import type { AuditFields } from './audit.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Reads a school's chain head and holds it for the transaction: the no-op
 * update takes the row lock on PostgreSQL (SQLite has one writer anyway),
 * so two processes never append the same sequence number.
 */
const touchHead = hotQuery((db) => db.updateTable('audit_heads').set((eb) => ({ seq: eb.ref('seq') })).where('school_id', '=', 0));
const insertHead = hotQuery((db) =>
  db
    .insertInto('audit_heads')
    .values({ school_id: 0, seq: sql.lit(0), hash: sql.lit('0'.repeat(64)) })
    .onConflict((oc) => oc.column('school_id').doNothing()),
);
const headOf = hotQuery((db) => db.selectFrom('audit_heads').select(['seq', 'hash']).where('school_id', '=', 0));
const writeHead = hotQuery((db) => db.updateTable('audit_heads').set({ seq: 0, hash: '' }).where('school_id', '=', 0));

export async function lockHead(db: Db, via: Q, schoolId: number): Promise<{ seq: number; hash: string }> {
  if ((await touchHead.run(db, [schoolId], via)) === 0) {
    await insertHead.run(db, [schoolId], via);
    await touchHead.run(db, [schoolId], via);
  }
  const head = (await headOf.first(db, [schoolId], via))!;
  return { seq: Number(head.seq), hash: head.hash };
}

export function readHead(db: Q, schoolId: number) {
  return db.selectFrom('audit_heads').select(['seq', 'hash']).where('school_id', '=', schoolId).executeTakeFirst();
}

export async function saveHead(db: Db, via: Q, schoolId: number, head: { seq: number; hash: string }) {
  await writeHead.run(db, [head.seq, head.hash, schoolId], via);
}

const CHUNK = 500;
export async function insertAuditRows(db: Q, rows: Array<AuditFields & { school_id: number; hash: string }>) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('audit_log').values(rows.slice(i, i + CHUNK)).execute();
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
