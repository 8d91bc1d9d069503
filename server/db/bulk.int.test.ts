import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import Database from 'better-sqlite3';
import { insertRows, withBulkCache, withEpochBumpedOnce } from './bulk.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const person = (i: number) => ({ surname: `Фамилия${i}`, name: 'Имя', patronymic: '', birth_date: null, email: i % 2 ? `p${i}@example.ru` : null, phone: null, external_id: `X-${i}`, created_at: '2026-10-14T03:00:00.000Z' });

describe('bulk inserts', () => {
  it('store every row and return the new ids in input order, on either database', async () => {
    // 1 203 rows: more than two PostgreSQL chunks of 500.
    const rows = Array.from({ length: 1203 }, (_, i) => person(i));
    const ids = await env.ctx.db.kysely.transaction().execute((trx) => insertRows(env.ctx.db, trx, 'persons', rows, true));
    expect(ids).toHaveLength(1203);
    const stored = await env.ctx.db.kysely.selectFrom('persons').select(['id', 'external_id', 'email']).where('id', 'in', [ids[0]!, ids[600]!, ids[1202]!]).orderBy('id').execute();
    expect(stored).toEqual([
      { id: ids[0], external_id: 'X-0', email: null },
      { id: ids[600], external_id: 'X-600', email: null },
      { id: ids[1202], external_id: 'X-1202', email: null },
    ]);
    expect(new Set(ids).size).toBe(1203);
  });

  it('roll back with the transaction they were written in', async () => {
    const before = await env.ctx.db.kysely.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(
      env.ctx.db.kysely.transaction().execute(async (trx) => {
        await insertRows(env.ctx.db, trx, 'persons', [person(5000), person(5001)]);
        throw new Error('the user action failed later');
      }),
    ).rejects.toThrow('failed later');
    const after = await env.ctx.db.kysely.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('a bulk write on SQLite', () => {
  it('keeps statement journals in memory and a larger page cache while it runs, and gives both back after', async () => {
    const sqlite = env.ctx.db.sqlite;
    if (!sqlite) return; // PostgreSQL sizes its own buffers.
    const settings = () => ({ tempStore: sqlite.pragma('temp_store', { simple: true }), cache: sqlite.pragma('cache_size', { simple: true }) });
    const before = settings();
    const during = await withBulkCache(env.ctx.db, async () => settings());
    expect(during).toEqual({ tempStore: 2, cache: -65_536 });
    expect(settings()).toEqual(before);
    await expect(withBulkCache(env.ctx.db, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(settings()).toEqual(before);
  });
});

describe('a bulk write bumps the access epoch once', () => {
  const epoch = async () => Number((await env.ctx.db.kysely.selectFrom('access_epoch').select('value').where('id', '=', 1).executeTakeFirstOrThrow()).value);
  const triggers = (handle: Database.Database) =>
    handle.prepare("select name, sql from sqlite_master where type = 'trigger' and name like '%access_epoch%' order by name").all() as Array<{ name: string; sql: string }>;
  const grant = (personId: number) => ({ person_id: personId, role: 'admin', region_id: null, municipality_id: null, school_id: null, class_id: null, granted_by: null, granted_at: '2026-10-14T03:00:00.000Z', revoked_by: null, revoked_at: null });

  it('for many granted rows, with every trigger back afterwards and never missing for another connection', async () => {
    const before = await epoch();
    const sqlite = env.ctx.db.sqlite;
    const stored = sqlite ? triggers(sqlite) : [];
    let seenByAnother: unknown[] = [];
    await env.ctx.db.kysely.transaction().execute((trx) =>
      withEpochBumpedOnce(env.ctx.db, trx, async () => {
        const ids = await insertRows(env.ctx.db, trx, 'persons', [person(7000), person(7001), person(7002)], true);
        // Two statements: PostgreSQL's statement-level triggers would bump twice.
        await insertRows(env.ctx.db, trx, 'grants', ids.slice(0, 1).map(grant));
        await insertRows(env.ctx.db, trx, 'grants', ids.slice(1).map(grant));
        if (sqlite) {
          const other = new Database(sqlite.name, { readonly: true });
          seenByAnother = triggers(other);
          other.close();
        }
      }),
    );
    expect(await epoch()).toBe(before + 1);
    if (!sqlite) {
      // Outside a deferred transaction the triggers bump as before.
      await env.ctx.db.kysely.insertInto('grants').values(grant((await env.ctx.db.kysely.selectFrom('persons').select('id').where('external_id', '=', 'X-7000').executeTakeFirstOrThrow()).id)).execute();
      expect(await epoch()).toBe(before + 2);
      return;
    }
    expect(stored.length).toBeGreaterThan(20);
    expect(triggers(sqlite)).toEqual(stored);
    expect(seenByAnother).toEqual(stored);
    // The re-created triggers work: one more grant, one more bump.
    const [id] = await env.ctx.db.kysely.transaction().execute((trx) => insertRows(env.ctx.db, trx, 'persons', [person(7003)], true));
    await env.ctx.db.kysely.insertInto('grants').values(grant(id!)).execute();
    expect(await epoch()).toBe(before + 2);
  });

  it('leaves the triggers and the epoch as they were when the write fails', async () => {
    const before = await epoch();
    const sqlite = env.ctx.db.sqlite;
    const stored = sqlite ? triggers(sqlite) : [];
    await expect(
      env.ctx.db.kysely.transaction().execute((trx) =>
        withEpochBumpedOnce(env.ctx.db, trx, async () => {
          const ids = await insertRows(env.ctx.db, trx, 'persons', [person(7100)], true);
          await insertRows(env.ctx.db, trx, 'grants', ids.map(grant));
          throw new Error('the file had a problem after all');
        }),
      ),
    ).rejects.toThrow('after all');
    expect(await epoch()).toBe(before);
    if (sqlite) expect(triggers(sqlite)).toEqual(stored);
  });
});

describe('on PostgreSQL, a bulk write', () => {
  it('does not hold the epoch: a change on another connection bumps it without waiting for the bulk write to commit', async () => {
    if (env.ctx.db.sqlite) return; // one writer at a time: nothing else writes during a bulk write anyway
    const epoch = async () => Number((await env.ctx.db.kysely.selectFrom('access_epoch').select('value').where('id', '=', 1).executeTakeFirstOrThrow()).value);
    const before = await epoch();
    const grant = (personId: number) => ({ person_id: personId, role: 'admin', region_id: null, municipality_id: null, school_id: null, class_id: null, granted_by: null, granted_at: '2026-10-14T03:00:00.000Z', revoked_by: null, revoked_at: null });
    const [other] = await env.ctx.db.kysely.transaction().execute((trx) => insertRows(env.ctx.db, trx, 'persons', [person(7200)], true));
    let outcome = '';
    await env.ctx.db.kysely.transaction().execute((trx) =>
      withEpochBumpedOnce(env.ctx.db, trx, async () => {
        const ids = await insertRows(env.ctx.db, trx, 'persons', [person(7201)], true);
        await insertRows(env.ctx.db, trx, 'grants', ids.map(grant));
        // A grant made elsewhere meanwhile (another request, on another pooled connection).
        const elsewhere = env.ctx.db.kysely.insertInto('grants').values(grant(other!)).execute().then(() => 'committed');
        outcome = await Promise.race([elsewhere, new Promise<string>((resolve) => setTimeout(() => resolve('waited'), 3000))]);
        await elsewhere;
      }),
    );
    expect(outcome).toBe('committed');
    expect(await epoch()).toBe(before + 2);
  });
});
