import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './dialect.js';
import { migrationList } from './migrations/index.js';

function migrator(db: Db): Migrator {
  const migrations = migrationList(db.dialect);
  return new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(result.error as Error).message}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/** The newest applied migration, which identifies the schema version (backups record it). */
export async function schemaVersion(db: Db): Promise<string | null> {
  const all = await migrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt).map((m) => m.name);
  return applied.at(-1) ?? null;
}
