/** The health check's view of the database: reachable, and no migration left to apply. */
import type { AppContext } from '../../context.js';
import { pendingMigrations } from '../../db/migrate.js';
import { ping } from './health.queries.js';

export async function databaseHealth(ctx: AppContext): Promise<{ reachable: boolean; pending: string[] }> {
  let reachable = false;
  let pending: string[] = [];
  try {
    await ping(ctx.db.kysely);
    reachable = true;
    pending = await pendingMigrations(ctx.db);
  } catch (error) {
    ctx.logger.error({ err: error }, 'health check failed');
  }
  return { reachable, pending };
}
