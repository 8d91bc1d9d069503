import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegionTree } from '../test/factories.js';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { hotQuery } from './hot.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const schoolsOfMunicipality = hotQuery((db) =>
  db.selectFrom('schools').select(['id', 'name']).where('municipality_id', '=', 0).where('name', '<>', '').orderBy('id'),
);

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
});
