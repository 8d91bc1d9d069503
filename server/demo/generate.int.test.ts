import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { generateDemoRegion } from './generate.js';
import { structureSizes } from './structure.js';

let a: TestEnv;
let b: TestEnv;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestEnv(), createTestEnv()]);
});
afterAll(async () => Promise.all([a.close(), b.close()]));

describe('demo region generator', () => {
  it('is deterministic for a seed and a scale', async () => {
    const options = { scale: 0.01, seed: 75, yearStart: '2026-09-01' };
    await generateDemoRegion(a.ctx, options);
    await generateDemoRegion(b.ctx, options);
    const names = (env: TestEnv) => env.ctx.db.kysely.selectFrom('schools').select(['name', 'municipality_id']).orderBy('id').execute();
    const schoolsA = await names(a);
    expect(schoolsA).toHaveLength(structureSizes(0.01).schools);
    expect(await names(b)).toEqual(schoolsA);
    // Two full demos (with a year of lessons each) in parallel with the other test files on a small machine.
  }, 180_000);

  it('scales to the reference region: 35 municipalities and 600 schools at scale 1', () => {
    expect(structureSizes(1)).toEqual({ municipalities: 35, schools: 600 });
    expect(structureSizes(0.001)).toEqual({ municipalities: 3, schools: 3 });
  });
});
