import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegionTree } from '../test/factories.js';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { inJsonIds } from './dialect.js';
import { hotQuery } from './hot.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const schoolsOfMunicipality = hotQuery((db) =>
  db.selectFrom('schools').select(['id', 'name']).where('municipality_id', '=', 0).where('name', '<>', '').orderBy('id'),
);

const schoolsAmong = hotQuery((db, dialect) => db.selectFrom('schools').select('id').where(inJsonIds(dialect, 'id', '[]')).orderBy('id'));

describe('hot queries', () => {
  it('run the compiled statement with fresh parameters each time, on either database', async () => {
    const a = await makeRegionTree(env.ctx);
    const b = await makeRegionTree(env.ctx);
    const first = await schoolsOfMunicipality.all(env.ctx.db, [a.municipality.id, '']);
    const second = await schoolsOfMunicipality.all(env.ctx.db, [b.municipality.id, '']);
    expect(first).toEqual([{ id: a.school.id, name: a.school.name }]);
    expect(second).toEqual([{ id: b.school.id, name: b.school.name }]);
    expect(await schoolsOfMunicipality.first(env.ctx.db, [b.municipality.id, b.school.name])).toBeUndefined();
  });

  it('refuses a wrong number of parameters', async () => {
    await expect(schoolsOfMunicipality.all(env.ctx.db, [1])).rejects.toThrow(/expects 2 parameters/);
  });

  it('take a list of ids as one JSON parameter, of any length, on either database', async () => {
    const [a, b, c] = [await makeRegionTree(env.ctx), await makeRegionTree(env.ctx), await makeRegionTree(env.ctx)];
    const ids = async (list: number[]) => (await schoolsAmong.all(env.ctx.db, [JSON.stringify(list)])).map((r) => r.id);
    expect(await ids([])).toEqual([]);
    expect(await ids([c.school.id])).toEqual([c.school.id]);
    expect(await ids([c.school.id, a.school.id, 999_999])).toEqual([a.school.id, c.school.id]);
    expect(await ids([b.school.id, a.school.id, c.school.id])).toEqual([a.school.id, b.school.id, c.school.id]);
  });
});
