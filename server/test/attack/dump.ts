import { sql } from 'kysely';
import type { Db } from '../../db/dialect.js';

/**
 * Tables whose rows a refused request may legitimately add: the request log of
 * sign-in attempts and session bookkeeping. Everything else must be unchanged.
 */
const VOLATILE = new Set(['sessions', 'security_events', 'kysely_migration', 'kysely_migration_lock']);

export async function listTables(db: Db): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db.kysely);
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db.kysely);
  return rows.rows.map((r) => r.name);
}

/** Every row of every non-volatile table, in a stable order, as one JSON text. */
export async function logicalDump(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const table of await listTables(db)) {
    if (VOLATILE.has(table)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely);
    const lines = rows.rows.map((r) => JSON.stringify(r)).sort();
    parts.push(`## ${table} (${lines.length})`, ...lines);
  }
  return parts.join('\n');
}
