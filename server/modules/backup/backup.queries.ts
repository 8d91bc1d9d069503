/**
 * SQL of the backup module. Everything here is generic over the tables the
 * database actually holds (discovered from sqlite_master / information_schema),
 * so a table added by any later migration is covered without a change here.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Kysely's own bookkeeping: kept in whole-database backups (the copy knows its schema version), left out of school exports. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export interface ForeignKey {
  table: string;
  column: string;
  refTable: string;
  refColumn: string;
  notNull: boolean;
}

export async function listTables(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely);
  return rows.rows.map((r) => r.name).sort();
}

export async function countRows(db: Db, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

export interface ColumnInfo {
  name: string;
  notNull: boolean;
}

export async function listColumns(db: Db, table: string): Promise<ColumnInfo[]> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string; notnull: number; pk: number }>`select name, "notnull", pk from pragma_table_info(${table})`.execute(db.kysely);
    return rows.map((r) => ({ name: r.name, notNull: r.notnull === 1 || r.pk === 1 }));
  }
  const { rows } = await sql<{ name: string; is_nullable: string }>`select column_name as name, is_nullable from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db.kysely);
  return rows.map((r) => ({ name: r.name, notNull: r.is_nullable === 'NO' }));
}

/** Every single-column foreign key of the schema. */
export async function listForeignKeys(db: Db): Promise<ForeignKey[]> {
  const result: ForeignKey[] = [];
  for (const table of await listTables(db)) {
    const columns = new Map((await listColumns(db, table)).map((c) => [c.name, c]));
    let fks: Array<{ column: string; refTable: string; refColumn: string }>;
    if (db.dialect === 'sqlite') {
      const { rows } = await sql<{ from: string; table: string; to: string | null }>`select "from", "table", "to" from pragma_foreign_key_list(${table})`.execute(db.kysely);
      fks = rows.map((r) => ({ column: r.from, refTable: r.table, refColumn: r.to ?? 'id' }));
    } else {
      const { rows } = await sql<{ column: string; refTable: string; refColumn: string }>`
        select kcu.column_name as "column", ccu.table_name as "refTable", ccu.column_name as "refColumn"
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema() and tc.table_name = ${table}`.execute(db.kysely);
      fks = rows;
    }
    for (const fk of fks) result.push({ table, ...fk, notNull: columns.get(fk.column)?.notNull ?? false });
  }
  return result;
}

/** All rows of a table in a stable order (by every column), for logical comparison of two databases. */
export async function allRows(db: Db, table: string): Promise<Record<string, unknown>[]> {
  const columns = (await listColumns(db, table)).map((c) => c.name);
  const order = sql.join(columns.map((c) => sql.ref(c)));
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${order}`.execute(db.kysely);
  return rows;
}

export async function rowsWhere(db: Db, table: string, column: string, values: number[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  // Chunks keep the statement under SQLite's bound-parameter limit.
  for (let i = 0; i < values.length; i += 500) {
    const chunk = values.slice(i, i + 500);
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(chunk)})`.execute(db.kysely);
    out.push(...rows);
  }
  return out;
}

/** Inserts one row (inside the caller's transaction); returns the new id when asked. */
export async function insertRow(executor: Kysely<any>, table: string, row: Record<string, unknown>, returnId: boolean): Promise<number | null> {
  const columns = Object.keys(row);
  const values = sql.join(columns.map((c) => sql`${row[c] as never}`));
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  if (!returnId) {
    await sql`insert into ${sql.table(table)} (${cols}) values (${values})`.execute(executor);
    return null;
  }
  const { rows } = await sql<{ id: number }>`insert into ${sql.table(table)} (${cols}) values (${values}) returning id`.execute(executor);
  return Number(rows[0]!.id);
}

/** The municipality a school is imported under, with its region. */
export function findMunicipality(db: Q, municipalityId: number) {
  return db.selectFrom('municipalities').select(['id', 'region_id']).where('id', '=', municipalityId).executeTakeFirst();
}

/** SQLite's page-level check of a copy: one row per problem, or the single row `ok`. */
export async function sqliteIntegrityCheck(db: Db): Promise<string[]> {
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely);
  return rows.map((r) => r.integrity_check);
}

/** SQLite's rows whose foreign key points at nothing, each with its table. */
export async function sqliteForeignKeyViolations(db: Db): Promise<Array<{ table: string }>> {
  const { rows } = await sql<{ table: string }>`pragma foreign_key_check`.execute(db.kysely);
  return rows;
}

/** The migrations applied to a database, by name (Kysely's own bookkeeping table). */
export async function appliedMigrationNames(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db.kysely);
  return rows.map((r) => r.name);
}
