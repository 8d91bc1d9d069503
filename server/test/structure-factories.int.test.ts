import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegionTree } from './factories.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { makeCourseFixture, makeLessons } from './structure-factories.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

describe('structure factories', () => {
  it('make a course with pupils and lessons that satisfy every foreign key', async () => {
    const { school } = await makeRegionTree(env.ctx);
    const f = await makeCourseFixture(env.ctx, school.id, { students: 4 });
    const lessons = await makeLessons(env.ctx, { schoolId: school.id, courseId: f.courseId, termId: f.termIds[0]!, teacherPersonId: f.teacherPersonId, dates: ['2026-09-01', '2026-09-02'] });
    expect(lessons).toHaveLength(2);
    const members = await env.ctx.db.kysely.selectFrom('class_members').selectAll().where('class_id', '=', f.classId).execute();
    expect(members).toHaveLength(4);
  });
});
