/**
 * On SQLite, a token that moves whenever a commit may have changed anything
 * this process reads, so that a value read under one token may be reused
 * while the token stands, without running its statement again:
 * - a change made through this process's connection moves it at once:
 *   `total_changes()` counts the connection's changed rows (triggers
 *   included), kept on the connection and read without a lock;
 * - a commit by any other connection (another process, a hand edit) moves
 *   `PRAGMA data_version`. That read takes a WAL read lock like any statement
 *   (about as dear as the statements it saves), so one read serves
 *   SHARED_MS: another's commit is seen at most that long after it.
 *
 * There is none (undefined: read as usual, keep nothing) on PostgreSQL, which
 * has no such cheap check, and while a transaction is open on the connection:
 * its uncommitted rows may yet be rolled back, and a rollback moves no counter.
 *
 * A caller takes the token before the reads it keeps: a commit between the two
 * keeps the new rows under the old token, which is then read again once the
 * token moves, never the other way round.
 */
import type SQLite from 'better-sqlite3';
import type { Db } from './dialect.js';

/** How long one read of another connection's commits serves the requests after it (see accounts/access-cache.ts). */
export const SHARED_MS = 1;

interface Counters {
  changes: SQLite.Statement;
  dataVersion: SQLite.Statement;
  /** The last `data_version` read, and when. */
  version: number;
  at: number;
}

const counters = new WeakMap<SQLite.Database, Counters>();

function countersOf(sqlite: SQLite.Database): Counters {
  let c = counters.get(sqlite);
  if (!c) {
    c = {
      changes: sqlite.prepare('select total_changes()').pluck(),
      dataVersion: sqlite.prepare('pragma data_version').pluck(),
      version: -1,
      at: -Infinity,
    };
    counters.set(sqlite, c);
  }
  return c;
}

export function changeToken(db: Db): string | undefined {
  const sqlite = db.sqlite;
  if (!sqlite || sqlite.inTransaction) return undefined;
  const c = countersOf(sqlite);
  const changes = c.changes.get() as number;
  const now = performance.now();
  if (now - c.at >= SHARED_MS) {
    c.version = c.dataVersion.get() as number;
    c.at = now;
  }
  return `${c.version}:${changes}`;
}

/** Puts `value` last in `map` (its newest), dropping the oldest entry when `map` already holds `max`. */
export function keepNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.has(key)) map.delete(key);
  else if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/**
 * Values read from the database, each kept while the change token it was read
 * under stands; at most `max` of them, the least recently used dropped first.
 */
export class KeptReads<K, V> {
  private readonly maps = new WeakMap<Db, Map<K, { token: string; value: V }>>();
  constructor(private readonly max: number) {}

  async get(db: Db, key: K, read: () => Promise<V>): Promise<V> {
    const token = changeToken(db);
    let map = this.maps.get(db);
    if (!map) this.maps.set(db, (map = new Map()));
    const hit = map.get(key);
    if (hit && token !== undefined && hit.token === token) {
      keepNewest(map, key, hit, this.max);
      return hit.value;
    }
    const value = await read();
    if (token !== undefined) keepNewest(map, key, { token, value }, this.max);
    return value;
  }
}
