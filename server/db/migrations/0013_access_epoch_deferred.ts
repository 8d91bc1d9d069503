import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';
import type { Migration } from './index.js';

/** The column-watched tables of 0012, whose update triggers have a function each. */
const WATCHED_COLUMNS: Array<{ table: string; columns: string[] }> = [
  { table: 'sessions', columns: ['revoked_at', 'expires_at', 'account_id', 'token_hash'] },
  { table: 'accounts', columns: ['status', 'login', 'person_id'] },
  { table: 'persons', columns: ['surname', 'name', 'patronymic'] },
];

// Frozen: once landed, never edited. Change the schema with a new migration.
export const m0013_access_epoch_deferred = (dialect: DialectName): Migration => ({
  async up(db: Kysely<any>) {
    // SQLite: a bulk write drops and re-creates the row triggers inside its own transaction
    // (db/bulk.ts), and one writer at a time means nothing else could bump meanwhile anyway.
    if (dialect !== 'postgres') return;
    // PostgreSQL: the first bump of a transaction locks the epoch's row until it commits, so a
    // 100 000-row import that bumped at its first grant made every sign-out, revocation and grant
    // in the region wait for the whole import. A transaction that sets this (SET LOCAL, through
    // withEpochBumpedOnce) skips the bumps and bumps once just before its commit instead.
    const deferred = `IF current_setting('otmetka.access_epoch_deferred', true) = 'on' THEN RETURN NULL; END IF;`;
    const bump = 'UPDATE access_epoch SET value = value + 1 WHERE id = 1';
    await sql`CREATE OR REPLACE FUNCTION bump_access_epoch_if_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${sql.raw(deferred)} IF EXISTS (SELECT 1 FROM changed) THEN ${sql.raw(bump)}; END IF; RETURN NULL; END $$`.execute(db);
    await sql`CREATE OR REPLACE FUNCTION bump_access_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${sql.raw(deferred)} ${sql.raw(bump)}; RETURN NULL; END $$`.execute(db);
    for (const { table, columns } of WATCHED_COLUMNS) {
      const differs = columns.map((c) => `o.${c} IS DISTINCT FROM n.${c}`).join(' OR ');
      await sql`CREATE OR REPLACE FUNCTION ${sql.id(`bump_access_epoch_${table}`)}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${sql.raw(deferred)} IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${sql.raw(differs)}) THEN ${sql.raw(bump)}; END IF; RETURN NULL; END $$`.execute(db);
    }
  },
});
