import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { Migration } from './index.js';

/**
 * Everything an actor is built from: the session (its revocation), the
 * account (status, login), the person's name, and the tables access is
 * decided by; and a pupil's class and group memberships. Columns listed: only changes of those move the epoch (a
 * session's last_seen_at, written in batches, does not).
 */
const WATCHED: Array<{ table: string; columns?: string[] }> = [
  { table: 'sessions', columns: ['revoked_at', 'expires_at', 'account_id', 'token_hash'] },
  { table: 'accounts', columns: ['status', 'login', 'person_id'] },
  { table: 'persons', columns: ['surname', 'name', 'patronymic'] },
  { table: 'grants' },
  { table: 'guardianships' },
  { table: 'consents' },
  { table: 'enrolments' },
  { table: 'course_teachers' },
  // Not access, but read as often: whose lessons a pupil's diary shows (diary/week-cache.ts).
  { table: 'class_members' },
  { table: 'group_members' },
];

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0012_access_epoch = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    // One counter, bumped by the database itself in the same transaction as any change an
    // actor is built from. A process keeps the sessions and actors it built while the counter is
    // unchanged, so every process (and a change made by hand in the database) invalidates them
    // without a message bus and without a window.
    await db.schema
      .createTable('access_epoch')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('access_epoch').values({ id: 1, value: 0 }).execute();

    const bump = 'UPDATE access_epoch SET value = value + 1 WHERE id = 1';
    if (dialect === 'postgres') {
      // Statement-level, so an import of 100 000 enrolments bumps once per statement, not per row
      // (updating one row 100 000 times in a transaction would walk an ever longer version chain);
      // and only when the statement changed a row, seen through its transition table.
      await sql`CREATE FUNCTION bump_access_epoch_if_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF EXISTS (SELECT 1 FROM changed) THEN ${sql.raw(bump)}; END IF; RETURN NULL; END $$`.execute(db);
      await sql`CREATE FUNCTION bump_access_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${sql.raw(bump)}; RETURN NULL; END $$`.execute(db);
      for (const { table, columns } of WATCHED) {
        const trigger = (event: string) => sql.id(`${table}_access_epoch_${event}`);
        await sql`CREATE TRIGGER ${trigger('delete')} AFTER DELETE ON ${sql.table(table)} REFERENCING OLD TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION bump_access_epoch_if_changed()`.execute(db);
        await sql`CREATE TRIGGER ${trigger('truncate')} AFTER TRUNCATE ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION bump_access_epoch()`.execute(db);
        if (!columns) {
          for (const event of ['insert', 'update']) {
            await sql`CREATE TRIGGER ${trigger(event)} AFTER ${sql.raw(event.toUpperCase())} ON ${sql.table(table)} REFERENCING NEW TABLE AS changed
              FOR EACH STATEMENT EXECUTE FUNCTION bump_access_epoch_if_changed()`.execute(db);
          }
          continue;
        }
        // A new session, account or person changes nothing kept; an update only when a watched column changed.
        const differs = columns.map((c) => `o.${c} IS DISTINCT FROM n.${c}`).join(' OR ');
        const fn = sql.id(`bump_access_epoch_${table}`);
        await sql`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${sql.raw(differs)}) THEN ${sql.raw(bump)}; END IF; RETURN NULL; END $$`.execute(db);
        await sql`CREATE TRIGGER ${trigger('update')} AFTER UPDATE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
      }
      return;
    }
    // SQLite has row-level triggers only: one more single-row update per changed row.
    for (const { table, columns } of WATCHED) {
      const trigger = (event: string) => sql.id(`${table}_access_epoch_${event}`);
      await sql`CREATE TRIGGER ${trigger('delete')} AFTER DELETE ON ${sql.table(table)} BEGIN ${sql.raw(bump)}; END`.execute(db);
      if (!columns) {
        await sql`CREATE TRIGGER ${trigger('insert')} AFTER INSERT ON ${sql.table(table)} BEGIN ${sql.raw(bump)}; END`.execute(db);
        await sql`CREATE TRIGGER ${trigger('update')} AFTER UPDATE ON ${sql.table(table)} BEGIN ${sql.raw(bump)}; END`.execute(db);
        continue;
      }
      const differs = columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
      await sql`CREATE TRIGGER ${trigger('update')} AFTER UPDATE OF ${sql.raw(columns.join(', '))} ON ${sql.table(table)}
        WHEN ${sql.raw(differs)} BEGIN ${sql.raw(bump)}; END`.execute(db);
    }
  },
});
