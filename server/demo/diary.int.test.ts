import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { generateDemoRegion } from './generate.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await generateDemoRegion(env.ctx, { scale: 0.001, seed: 75, yearStart: '2026-09-01' });
});
afterAll(async () => env.close());

describe('demo diary part', () => {
  it('gives guardians with e-mail addresses a notification choice and starts the watermarks at now', async () => {
    const db = env.ctx.db.kysely;
    const settings = await db.selectFrom('notification_settings as n').innerJoin('persons as p', 'p.id', 'n.person_id').select(['n.mode', 'p.email']).execute();
    expect(settings.length).toBeGreaterThan(10);
    expect(settings.every((s) => s.email !== null && s.email.includes('@'))).toBe(true);
    expect(new Set(settings.map((s) => s.mode))).toEqual(new Set(['instant', 'daily', 'weekly', 'none']));
    expect(await db.selectFrom('job_state').select('value').where('name', '=', 'marks_scanned_to').executeTakeFirst()).toEqual({ value: env.ctx.clock.now().toISOString() });
  });
});
