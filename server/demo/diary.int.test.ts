import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { generateDemoRegion } from './generate.js';

let env: TestEnv;
let logins: Record<string, number>;
beforeAll(async () => {
  env = await createTestEnv();
  logins = (await generateDemoRegion(env.ctx, { scale: 0.001, seed: 75, yearStart: '2026-09-01' })).logins!;
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

  it('has guardians with an active account and a consent confirm finished weeks, and never the demo logins', async () => {
    const db = env.ctx.db.kysely;
    const rows = await db
      .selectFrom('diary_confirmations as d')
      .innerJoin('accounts as a', 'a.person_id', 'd.guardian_person_id')
      .select(['d.week', 'd.confirmed_at', 'd.guardian_person_id', 'a.status'])
      .select((eb) => eb.exists(eb.selectFrom('consents as co').select('co.id').whereRef('co.student_person_id', '=', 'd.student_person_id').where('co.withdrawn_at', 'is', null)).as('consented'))
      .execute();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.every((r) => r.status === 'active' && Number(r.consented) === 1)).toBe(true);
    // TEST_NOW is Wednesday 14.10.2026: the weeks from 31.08 to 05.10 are finished, the current one is not.
    expect([...new Set(rows.map((r) => r.week))].sort()).toEqual(['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05']);
    expect(rows.every((r) => r.confirmed_at <= env.ctx.clock.now().toISOString() && r.confirmed_at.slice(0, 10) >= r.week)).toBe(true);
    expect(rows.filter((r) => r.guardian_person_id === logins.parent || r.guardian_person_id === logins.parent2)).toEqual([]);
  });
});
