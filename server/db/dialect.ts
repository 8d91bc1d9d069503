/**
 * The few differences between SQLite and PostgreSQL, kept in one file.
 * Everything else (queries, migrations) is written once for both: instants are
 * ISO-8601 UTC text, local dates are `YYYY-MM-DD` text, booleans are 0/1
 * integers, JSON is text.
 */
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely';
import type { Config } from '../config.js';
import { pgModule } from './pg-module.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** The raw better-sqlite3 handle, for online backup and prepared hot paths; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

export function openDb(database: Config['database']): Db {
  if (database.kind === 'sqlite') {
    const handle = new SQLite(database.file);
    // Durable by default: nothing a user entered may be lost on power failure.
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = FULL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    registerSqliteFunctions(handle);
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
    return { kysely, dialect: 'sqlite', sqlite: handle, close: () => kysely.destroy() };
  }
  // int8 (counts, sums) come back as strings by default; our ids are int4 and counts fit a JS number.
  const pg = pgModule();
  pg.types.setTypeParser(20, (value) => Number(value));
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', sqlite: null, close: () => kysely.destroy() };
}

const STATEMENT_CACHE_MAX = 2000;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than
 * running most of our queries. The same SQL text gets the same prepared
 * statement (safe: better-sqlite3 runs synchronously, and nothing of ours
 * streams a statement while another runs). Texts vary with `in (…)` lists, so
 * the cache is bounded and simply starts over when full.
 */
function withStatementCache(handle: SQLite.Database): SQLite.Database {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE_MAX) statements.clear();
      statement = handle.prepare(source);
      statements.set(source, statement);
    }
    return statement;
  };
  return new Proxy(handle, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A surrogate integer primary key named `id`. */
export function withId<T extends string>(dialect: DialectName, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'serial', (c) => c.primaryKey());
}

/** A 0/1 flag column (both databases store it as an integer, so queries stay the same). */
export function flag(c: ColumnDefinitionBuilder, value = 0): ColumnDefinitionBuilder {
  return c.notNull().defaultTo(value);
}

/** True when the error is a unique-constraint violation in either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

/** True when the error is a foreign-key violation in either database. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || e?.code === '23503';
}

/**
 * `column in (ids)` with the ids as ONE parameter, a JSON array text
 * (`JSON.stringify(ids)`): the statement text is the same for any number of
 * ids, so a hot query can be prepared once instead of built per request.
 */
export function inJsonIds(dialect: DialectName, column: string, idsJson: string) {
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} in (select value::int from json_array_elements_text(${idsJson}::json))`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${idsJson}))`;
}

/** Case-insensitive "contains" for search boxes (Cyrillic included: SQLite's LIKE folds ASCII only). */
export function containsInsensitive(dialect: DialectName, column: string, needle: string) {
  const pattern = `%${needle.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return dialect === 'postgres'
    ? sql<boolean>`${sql.ref(column)} ilike ${pattern} escape '\\'`
    : sql<boolean>`lower_unicode(${sql.ref(column)}) like lower_unicode(${pattern}) escape '\\'`;
}

/** Functions SQLite lacks and the queries above rely on. */
export function registerSqliteFunctions(handle: SQLite.Database): void {
  handle.function('lower_unicode', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
}
