import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { Migration } from './index.js';

/** The tables an actor's access is built from, besides the session row read on every request. */
const ACCESS_TABLES = ['grants', 'guardianships', 'consents', 'enrolments', 'course_teachers'] as const;

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0012_access_epoch = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    // One counter, bumped by the database itself in the same transaction as any change of
    // grants, guardianships, consents, enrolments or course teachers. A process keeps the
    // actors it built while the counter is unchanged, so every process (and a change made by
    // hand in the database) invalidates them without a message bus and without a window.
    await db.schema
      .createTable('access_epoch')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('access_epoch').values({ id: 1, value: 0 }).execute();

    if (dialect === 'postgres') {
      // Statement-level: an import of 100 000 enrolments bumps once per statement, not per row.
      await sql`CREATE FUNCTION bump_access_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; RETURN NULL; END $$`.execute(db);
      for (const table of ACCESS_TABLES) {
        await sql`CREATE TRIGGER ${sql.id(`${table}_access_epoch`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_access_epoch()`.execute(db);
      }
      return;
    }
    // SQLite has row-level triggers only; one more single-row update per changed row.
    for (const table of ACCESS_TABLES) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) {
        await sql`CREATE TRIGGER ${sql.id(`${table}_access_epoch_${event.toLowerCase()}`)} AFTER ${sql.raw(event)} ON ${sql.table(table)}
          BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END`.execute(db);
      }
    }
  },
});
