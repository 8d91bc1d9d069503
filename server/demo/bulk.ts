import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Rows per INSERT: under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters for tables of up to ~30 columns. */
const CHUNK = 1000;

/** Inserts many rows in chunks; returns their ids in the order given. */
export async function insertMany<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Insertable<Database[T]>>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // Both databases return RETURNING rows in VALUES order for a single multi-row insert.
    const result = (await (db as Kysely<any>).insertInto(table).values(chunk).returning('id').execute()) as Array<{ id: number }>;
    for (const r of result) ids.push(r.id);
  }
  return ids;
}
