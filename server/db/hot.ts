/**
 * Hot-path queries, built with Kysely once and then run as prepared
 * statements: on SQLite a cached better-sqlite3 statement (no query building,
 * no re-preparing per request), on PostgreSQL the compiled SQL through the
 * pool. Use for reads on every request (sessions, journal grid, diary).
 *
 * The builder is called once with placeholder values; at run time the
 * parameters replace them in the same order, so the builder must take every
 * runtime value as a parameter (never interpolate it into the SQL).
 */
import { CompiledQuery, type Compilable, type Kysely, type Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Db, DialectName } from './dialect.js';
import type { Database } from './schema.js';

/**
 * Where a hot query runs inside a transaction: on SQLite the prepared
 * statement runs on the one connection, so inside whatever transaction is
 * open; on PostgreSQL it must go through the transaction's own connection.
 */
export type Via = Kysely<Database> | Transaction<Database>;

export interface HotQuery<R> {
  all(db: Db, params: readonly unknown[], via?: Via): Promise<R[]>;
  first(db: Db, params: readonly unknown[], via?: Via): Promise<R | undefined>;
  /** For statements that return no rows (insert, update, delete): the number of rows changed. */
  run(db: Db, params: readonly unknown[], via?: Via): Promise<number>;
}

/** `dialect` lets a builder pick the few spellings that differ (e.g. `inJsonIds`); the parameters must stay the same. */
export function hotQuery<R>(build: (db: Kysely<Database>, dialect: DialectName) => Compilable<R>): HotQuery<R> {
  const compiled = new WeakMap<Db, CompiledQuery>();
  const statements = new WeakMap<SQLite.Database, SQLite.Statement>();

  const compiledFor = (db: Db): CompiledQuery => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db.kysely, db.dialect).compile();
      compiled.set(db, query);
    }
    return query;
  };

  const checked = (db: Db, params: readonly unknown[]): CompiledQuery => {
    const query = compiledFor(db);
    if (params.length !== query.parameters.length) {
      throw new Error(`hotQuery expects ${query.parameters.length} parameters, got ${params.length}`);
    }
    return query;
  };
  const statementFor = (sqlite: SQLite.Database, query: CompiledQuery): SQLite.Statement => {
    let statement = statements.get(sqlite);
    if (!statement) {
      statement = sqlite.prepare(query.sql);
      statements.set(sqlite, statement);
    }
    return statement;
  };

  const all = async (db: Db, params: readonly unknown[], via?: Via): Promise<R[]> => {
    const query = checked(db, params);
    if (db.sqlite) return statementFor(db.sqlite, query).all(...params) as R[];
    const result = await (via ?? db.kysely).executeQuery<R>(CompiledQuery.raw(query.sql, [...params]));
    return result.rows;
  };
  const run = async (db: Db, params: readonly unknown[], via?: Via): Promise<number> => {
    const query = checked(db, params);
    if (db.sqlite) return statementFor(db.sqlite, query).run(...params).changes;
    const result = await (via ?? db.kysely).executeQuery(CompiledQuery.raw(query.sql, [...params]));
    return Number(result.numAffectedRows ?? 0);
  };

  return { all, run, first: async (db, params, via) => (await all(db, params, via))[0] };
}
