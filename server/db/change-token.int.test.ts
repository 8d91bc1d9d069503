/**
 * The change token lets hot reads (the access epoch, the diary's stamp and
 * confirmations) skip their statements while nothing was committed; it must
 * move after every commit, ours at once and another connection's within
 * SHARED_MS, and never let a value read inside a transaction outlive it.
 */
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database as Schema } from './schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegionTree } from '../test/factories.js';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { changeToken, KeptReads, SHARED_MS } from './change-token.js';

let env: TestEnv;
let schoolId: number;
beforeAll(async () => {
  env = await createTestEnv();
  schoolId = (await makeRegionTree(env.ctx)).school.id;
});
afterAll(async () => env.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const db = () => env.ctx.db;
const rename = (name: string) => db().kysely.updateTable('schools').set({ name }).where('id', '=', schoolId).execute();
const nameNow = async (via: Kysely<Schema> = db().kysely) => (await via.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirstOrThrow()).name;

/** A KeptReads of the school's name that counts its statements. */
function countedNames(max = 10) {
  const kept = new KeptReads<string, string>(max);
  const reads: string[] = [];
  const get = (key = 'school', via?: Kysely<Schema>) =>
    kept.get(db(), key, async () => {
      reads.push(key);
      return nameNow(via);
    });
  return { get, reads };
}

describe('the change token (SQLite)', () => {
  it('is none on PostgreSQL, where every read runs its statement', async () => {
    if (db().dialect !== 'postgres') return;
    expect(changeToken(db())).toBeUndefined();
    const { get, reads } = countedNames();
    await get();
    await get();
    expect(reads).toHaveLength(2);
  });

  it('stands while nothing is committed, however long', async () => {
    if (!db().sqlite) return;
    const before = changeToken(db());
    expect(before).toBeDefined();
    expect(changeToken(db())).toBe(before);
    await pause(SHARED_MS + 2);
    expect(changeToken(db())).toBe(before);
  });

  it('moves at once after a change through this connection', async () => {
    if (!db().sqlite) return;
    const before = changeToken(db());
    await rename('Школа после правки');
    expect(changeToken(db())).not.toBe(before);
  });

  it('moves after a commit of another connection, at most SHARED_MS later', async () => {
    const sqlite = db().sqlite;
    if (!sqlite) return;
    const other = new Database(sqlite.name);
    try {
      await pause(SHARED_MS + 1);
      const before = changeToken(db());
      other.prepare('update schools set name = ? where id = ?').run('Школа из другого процесса', schoolId);
      await pause(SHARED_MS + 1);
      expect(changeToken(db())).not.toBe(before);
    } finally {
      other.close();
    }
  });

  it('is none inside a transaction', async () => {
    if (!db().sqlite) return;
    await db().kysely.transaction().execute(async () => {
      expect(changeToken(db())).toBeUndefined();
    });
    expect(changeToken(db())).toBeDefined();
  });
});

describe('values kept while the token stands', () => {
  it('are read once while nothing changes, and again after a change of this process or another', async () => {
    const sqlite = db().sqlite;
    if (!sqlite) return;
    const { get, reads } = countedNames();
    await rename('Первое имя');
    expect(await get()).toBe('Первое имя');
    await pause(SHARED_MS + 2);
    expect(await get()).toBe('Первое имя');
    expect(reads).toHaveLength(1);

    await rename('Второе имя');
    expect(await get()).toBe('Второе имя');
    expect(reads).toHaveLength(2);

    const other = new Database(sqlite.name);
    try {
      other.prepare('update schools set name = ? where id = ?').run('Третье имя', schoolId);
    } finally {
      other.close();
    }
    await pause(SHARED_MS + 1);
    expect(await get()).toBe('Третье имя');
    expect(reads).toHaveLength(3);
  });

  it('a value read inside a transaction that is rolled back is never served', async () => {
    if (!db().sqlite) return;
    const { get, reads } = countedNames();
    await rename('До отката');
    expect(await get()).toBe('До отката');
    await db()
      .kysely.transaction()
      .execute(async (trx) => {
        await trx.updateTable('schools').set({ name: 'Откатится' }).where('id', '=', schoolId).execute();
        expect(await get('school', trx)).toBe('Откатится');
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    expect(await get()).toBe('До отката');
    expect(reads).toHaveLength(3);
  });

  it('at most `max` of them, the least recently used dropped first', async () => {
    if (!db().sqlite) return;
    const { get, reads } = countedNames(2);
    await get('a');
    await get('b');
    await get('a');
    await get('c');
    expect(reads).toEqual(['a', 'b', 'c']);
    await get('a');
    await get('b');
    expect(reads).toEqual(['a', 'b', 'c', 'b']);
  });
});
