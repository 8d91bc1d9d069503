import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { makeRegionTree } from '../test/factories.js';
import { makeCourseFixture, makeLessons } from '../test/structure-factories.js';
import { verifyAuditChains } from '../modules/journal/journal.service.js';
import { addDays } from '../../shared/dates.js';
import { generateJournalDemo } from './journal.js';
import { Random } from './random.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

describe('demo journal', () => {
  it('fills past lessons read from the database with marks, attendance, topics and one audit record per batch', async () => {
    const { school } = await makeRegionTree(env.ctx);
    const f = await makeCourseFixture(env.ctx, school.id, { students: 20 });
    const dates: string[] = [];
    for (let d = '2026-09-01'; d <= '2026-10-24'; d = addDays(d, 1)) if (new Date(`${d}T00:00:00Z`).getUTCDay() % 6 !== 0) dates.push(d);
    await makeLessons(env.ctx, { schoolId: school.id, courseId: f.courseId, termId: f.termIds[0]!, teacherPersonId: f.teacherPersonId, dates });
    const totals = await generateJournalDemo(env.ctx, new Random(75));
    const db = env.ctx.db.kysely;
    const past = dates.filter((d) => d < '2026-10-14').length;
    expect(totals.lessons).toBe(past);
    // 20 pupils × past lessons × ≈0.33 chance, less absences, plus control works
    expect(totals.marks).toBeGreaterThan(20 * past * 0.25);
    expect(totals.marks).toBeLessThan(20 * past * 0.45);
    expect(totals.attendance).toBeGreaterThan(0);
    const future = await db.selectFrom('marks').innerJoin('lessons', 'lessons.id', 'marks.lesson_id').select('marks.id').where('lessons.date', '>=', '2026-10-14').execute();
    expect(future).toHaveLength(0);
    const untitled = await db.selectFrom('lessons').select('id').where('date', '<', '2026-10-14').where('topic', '=', '').execute();
    expect(untitled).toHaveLength(0);
    const values = await db.selectFrom('marks').select('value').execute();
    expect(new Set(values.map((v) => v.value))).toEqual(new Set(['2', '3', '4', '5']));
    const audit = await db.selectFrom('audit_log').select(['entity', 'action', 'new_json']).where('school_id', '=', school.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.new_json!)).toMatchObject({ marks: totals.marks, attendance: totals.attendance });
    expect((await verifyAuditChains(env.ctx)).broken).toEqual([]);
  });
});
