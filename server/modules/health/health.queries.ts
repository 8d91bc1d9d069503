/** SQL of the health check. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The cheapest statement the database must answer: proves the connection works. */
export function ping(db: Kysely<Database>) {
  return sql`select 1`.execute(db);
}
