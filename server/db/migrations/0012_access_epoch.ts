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

    if (dialect === 'postgres') {
      // Statement-level: an import of 100 000 enrolments bumps once per statement, not per row.
      await sql`CREATE FUNCTION bump_access_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; RETURN NULL; END $$`.execute(db);
      for (const { table, columns } of WATCHED) {
        // A new session, account or person changes nothing kept; any new grant or enrolment may.
        const events = columns ? `UPDATE OF ${columns.join(', ')} OR DELETE` : 'INSERT OR UPDATE OR DELETE OR TRUNCATE';
        await sql`CREATE TRIGGER ${sql.id(`${table}_access_epoch`)} AFTER ${sql.raw(events)} ON ${sql.table(table)}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_access_epoch()`.execute(db);
      }
      return;
    }
    // SQLite has row-level triggers only: one more single-row update per changed row.
    for (const { table, columns } of WATCHED) {
      const events = [...(columns ? [] : ['INSERT']), columns ? `UPDATE OF ${columns.join(', ')}` : 'UPDATE', 'DELETE'];
      for (const event of events) {
        const name = `${table}_access_epoch_${event.split(' ')[0]!.toLowerCase()}`;
        await sql`CREATE TRIGGER ${sql.id(name)} AFTER ${sql.raw(event)} ON ${sql.table(table)}
          BEGIN UPDATE access_epoch SET value = value + 1 WHERE id = 1; END`.execute(db);
      }
    }
  },
});
