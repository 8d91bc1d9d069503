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
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Db } from './dialect.js';
import type { Database } from './schema.js';

export interface HotQuery<R> {
  all(db: Db, params: readonly unknown[]): Promise<R[]>;
  first(db: Db, params: readonly unknown[]): Promise<R | undefined>;
}

export function hotQuery<R>(build: (db: Kysely<Database>) => Compilable<R>): HotQuery<R> {
  const compiled = new WeakMap<Db, CompiledQuery>();
  const statements = new WeakMap<SQLite.Database, SQLite.Statement>();

  const compiledFor = (db: Db): CompiledQuery => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db.kysely).compile();
      compiled.set(db, query);
    }
    return query;
  };

  const all = async (db: Db, params: readonly unknown[]): Promise<R[]> => {
    const query = compiledFor(db);
    if (params.length !== query.parameters.length) {
      throw new Error(`hotQuery expects ${query.parameters.length} parameters, got ${params.length}`);
    }
    if (db.sqlite) {
      let statement = statements.get(db.sqlite);
      if (!statement) {
        statement = db.sqlite.prepare(query.sql);
        statements.set(db.sqlite, statement);
      }
      return statement.all(...params) as R[];
    }
    const result = await db.kysely.executeQuery<R>(CompiledQuery.raw(query.sql, [...params]));
    return result.rows;
  };

  return { all, first: async (db, params) => (await all(db, params))[0] };
}
