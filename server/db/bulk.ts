/**
 * Many rows of one table inserted inside the caller's transaction (imports,
 * the demo region, the benchmarks' datasets). On SQLite one prepared single-row statement runs once per
 * row: binding thousands of parameters into one multi-row statement, and
 * building that statement with Kysely, costs more than running a small one
 * many times (288 000 persons: 2.7 s against 4.6 s measured apart from the
 * app). On PostgreSQL every row is a round trip, so rows go in multi-row
 * statements of at most 500 (well under the bound-parameter limit).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Db } from './dialect.js';
import type { Database } from './schema.js';

const PG_CHUNK = 500;

type Row = Record<string, unknown>;

/**
 * Inserts the rows (all with the same columns) and returns their new ids in
 * input order when `returnIds` is set. `trx` is the transaction the rows
 * belong to: on SQLite the raw handle is that transaction's one connection.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Db,
  trx: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  returnIds = false,
): Promise<number[]> {
  const ids: number[] = [];
  if (rows.length === 0) return ids;
  const plain = rows as readonly Row[];
  const columns = Object.keys(plain[0]!);
  // The statement is built from the first row: a later row with other columns would lose them silently.
  for (const row of plain) {
    if (Object.keys(row).length !== columns.length) throw new Error(`insertRows(${table}): every row must have the columns ${columns.join(', ')}`);
  }
  if (db.sqlite) {
    const sql = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    const statement = db.sqlite.prepare(sql);
    const values: unknown[] = new Array(columns.length);
    for (const row of plain) {
      for (let i = 0; i < columns.length; i++) values[i] = row[columns[i]!] ?? null;
      const result = statement.run(values);
      if (returnIds) ids.push(Number(result.lastInsertRowid));
    }
    return ids;
  }
  for (let i = 0; i < plain.length; i += PG_CHUNK) {
    const part = plain.slice(i, i + PG_CHUNK) as never;
    if (returnIds) {
      const inserted = await trx.insertInto(table).values(part).returning('id' as never).execute();
      for (const r of inserted as unknown as Array<{ id: number }>) ids.push(r.id);
    } else await trx.insertInto(table).values(part).execute();
  }
  return ids;
}

/** Page cache for one connection during a bulk write, in KiB (SQLite's negative cache_size). */
const BULK_CACHE_KIB = 65_536;

/**
 * Runs a bulk write with a larger SQLite page cache: with the default 2 MB
 * the indexes of a 100 000-row import no longer fit, so pages are spilled to
 * the WAL and read back many times before the commit. The cache returns to
 * its size afterwards (SQLite frees the pages above it), so the server's
 * memory stays small between imports. PostgreSQL sizes its own buffers.
 */
export async function withBulkCache<T>(db: Db, write: () => Promise<T>): Promise<T> {
  if (!db.sqlite) return write();
  const before = db.sqlite.pragma('cache_size', { simple: true }) as number;
  const tempStore = db.sqlite.pragma('temp_store', { simple: true }) as number;
  db.sqlite.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  // An insert into a table with a trigger (the access epoch's, migration 0012) keeps a statement
  // journal, by default in a temporary file: a write of its pages per row. In memory it costs
  // nothing (one row per statement here); measured 13.6 s → 29 s → 14.2 s for 100 000 pupils.
  db.sqlite.pragma('temp_store = MEMORY');
  try {
    return await write();
  } finally {
    db.sqlite.pragma(`cache_size = ${before}`);
    db.sqlite.pragma(`temp_store = ${tempStore}`);
  }
}

/**
 * Runs a bulk write inside its caller's transaction `trx` with the access
 * epoch bumped once, just before the commit, instead of by every watched
 * statement or row.
 * - SQLite: the epoch's triggers (migration 0012) are row-level, an UPDATE of
 *   the epoch per inserted grant, guardianship, enrolment and class member:
 *   1.2–1.7 s of a 100 000-pupil import. They are dropped here and re-created
 *   from their stored SQL before the commit. DDL is part of the transaction,
 *   so no other connection ever sees the database without them, and a failure
 *   or a crash rolls the drop back with the rows (nothing is re-created on
 *   failure: the rollback restores them).
 * - PostgreSQL: the first bump locks the epoch's row until the commit, so every
 *   sign-out, revocation and grant in the region would wait for the whole
 *   import. The transaction sets `otmetka.access_epoch_deferred` (local to it),
 *   which the trigger functions honour (migration 0013).
 */
export async function withEpochBumpedOnce<T>(db: Db, trx: Kysely<Database>, write: () => Promise<T>): Promise<T> {
  const sqlite = db.sqlite;
  if (!sqlite) {
    await sql`select set_config('otmetka.access_epoch_deferred', 'on', true)`.execute(trx);
    const result = await write();
    await sql`select set_config('otmetka.access_epoch_deferred', 'off', true)`.execute(trx);
    await sql`update access_epoch set value = value + 1 where id = 1`.execute(trx);
    return result;
  }
  if (!sqlite.inTransaction) throw new Error('withEpochBumpedOnce runs inside the bulk write’s transaction');
  const triggers = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and name like '%\\_access\\_epoch\\_%' escape '\\'").all() as Array<{ name: string; sql: string }>;
  for (const t of triggers) sqlite.exec(`drop trigger "${t.name}"`);
  const result = await write();
  for (const t of triggers) sqlite.exec(t.sql);
  sqlite.prepare('update access_epoch set value = value + 1 where id = 1').run();
  return result;
}
