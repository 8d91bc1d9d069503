/**
 * The hand-computed fixture of the monitoring tests: region «Тест» with
 * municipalities A (three schools), B and C (one school each). Every count
 * below is written out in monitoring.int.test.ts with its arithmetic.
 */
import type { AppContext } from '../../context.js';
import { systemActor } from '../../policy/actor.js';
import * as structure from '../structure/structure.service.js';
import { makePerson } from '../../test/factories.js';
import { makeClass, makeCourseFixture, makeLessons, makeSchoolYear } from '../../test/structure-factories.js';
import * as monitoring from './monitoring.service.js';

/** none: no account; active: activated 1 Oct, last seen 1 Oct; active7: also seen 12 Oct (within 7 days of 14 Oct); later: activated 15 Oct. */
export type AccountState = 'none' | 'pending' | 'blocked' | 'active' | 'active7' | 'later';

export async function account(ctx: AppContext, personId: number, state: AccountState) {
  if (state === 'none') return;
  const activatedAt = state === 'later' ? '2026-10-15T00:00:00.000Z' : state === 'pending' ? null : '2026-10-01T00:00:00.000Z';
  await ctx.db.kysely
    .insertInto('accounts')
    .values({
      person_id: personId,
      login: `p${personId}`,
      password_hash: null,
      status: state === 'pending' ? 'pending' : state === 'blocked' ? 'blocked' : 'active',
      activated_at: activatedAt,
      activation_code_hash: null,
      activation_code_expires_at: null,
      password_changed_at: null,
      failed_logins: 0,
      locked_until: null,
      last_login_at: state === 'active7' ? '2026-10-12T00:00:00.000Z' : activatedAt,
      created_at: '2026-09-01T00:00:00.000Z',
    })
    .execute();
}

export async function staffMembers(ctx: AppContext, schoolId: number, states: AccountState[]) {
  for (const state of states) {
    const personId = await makePerson(ctx, { surname: 'Сотрудникова' });
    await ctx.db.kysely.insertInto('staff').values({ school_id: schoolId, person_id: personId, position: 'учитель', started_on: '2020-08-25', ended_on: null }).execute();
    await account(ctx, personId, state);
  }
}

/** A class of pupils with the given account states; `guardians[i]` is the state of pupil i's guardian, `share` pupils share the previous guardian. */
export async function classWith(
  ctx: AppContext,
  schoolId: number,
  yearId: number,
  options: { grade: number; letter?: string; students: AccountState[]; guardians: Array<AccountState | 'share'> },
) {
  const { classId, studentIds } = await makeClass(ctx, schoolId, yearId, { grade: options.grade, letter: options.letter ?? 'А', students: options.students.length });
  let last = 0;
  for (let i = 0; i < studentIds.length; i++) {
    await account(ctx, studentIds[i]!, options.students[i]!);
    const g = options.guardians[i];
    if (g === undefined) continue;
    if (g !== 'share') {
      last = await makePerson(ctx, { surname: 'Родителева' });
      await account(ctx, last, g);
    }
    await ctx.db.kysely
      .insertInto('guardianships')
      .values({ school_id: schoolId, guardian_person_id: last, student_person_id: studentIds[i]!, relation: 'mother', created_at: '2026-09-01T00:00:00.000Z' })
      .execute();
  }
  return { classId, studentIds };
}

export async function buildFixture(ctx: AppContext) {
  const region = await structure.createRegion(ctx, systemActor, { name: 'Тест', code: 'T1', timeZone: 'Asia/Chita' });
  // The plan of appendix 1, dated so that the order's 13 March is 1 September 2026.
  await monitoring.seedRegionPlan(ctx, region.id, { start: '2026-09-01', replace: true });
  const mA = await structure.createMunicipality(ctx, systemActor, region.id, { name: 'А-район' });
  const mB = await structure.createMunicipality(ctx, systemActor, region.id, { name: 'Б-район' });
  const mC = await structure.createMunicipality(ctx, systemActor, region.id, { name: 'В-район' });
  const s1 = await structure.createSchool(ctx, systemActor, mA.id, { name: 'Школа 1' });
  const s2 = await structure.createSchool(ctx, systemActor, mA.id, { name: 'Школа 2' });
  const s3 = await structure.createSchool(ctx, systemActor, mA.id, { name: 'Школа 3' });
  const sB = await structure.createSchool(ctx, systemActor, mB.id, { name: 'Школа Б' });
  const sC = await structure.createSchool(ctx, systemActor, mC.id, { name: 'Школа В' });

  // S1: staff 4; class 5А of 10 pupils and 9 guardians; class 1А (grade 1, not counted); lessons and marks.
  await staffMembers(ctx, s1.id, ['active7', 'active7', 'active', 'none']);
  const course = await makeCourseFixture(ctx, s1.id, { students: 0, grade: 7 });
  await classWith(ctx, s1.id, course.yearId, {
    grade: 5,
    students: ['active7', 'active7', 'active7', 'active', 'active', 'active', 'blocked', 'pending', 'none', 'none'],
    guardians: ['active7', 'active7', 'active', 'active', 'none', 'none', 'none', 'none', 'none', 'share'],
  });
  await classWith(ctx, s1.id, course.yearId, { grade: 1, letter: 'А', students: ['none', 'none'], guardians: ['active7', 'active7'] });
  const term = course.termIds[0]!;
  const lessons = await makeLessons(ctx, {
    schoolId: s1.id,
    courseId: course.courseId,
    termId: term,
    teacherPersonId: course.teacherPersonId,
    dates: ['2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-12', '2026-10-13', '2026-10-14'],
  });
  // Topics on 7, 8 and 13 Oct (in the window) and on 6 Oct (outside it).
  for (const i of [0, 1, 2, 5]) await ctx.db.kysely.updateTable('lessons').set({ topic: 'Тема' }).where('id', '=', lessons[i]!).execute();
  const [cancelled] = await makeLessons(ctx, { schoolId: s1.id, courseId: course.courseId, termId: term, teacherPersonId: course.teacherPersonId, dates: ['2026-10-09'], number: 2 });
  await ctx.db.kysely.updateTable('lessons').set({ status: 'cancelled' }).where('id', '=', cancelled!).execute();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await monitoring.recordJournalActivity(ctx.db, trx, { schoolId: s1.id, date: '2026-10-08', marksEntered: 12, marksLate: 2 });
    await monitoring.recordJournalActivity(ctx.db, trx, { schoolId: s1.id, date: '2026-10-13', marksEntered: 5, marksLate: 0 });
    await monitoring.recordJournalActivity(ctx.db, trx, { schoolId: s1.id, date: '2026-10-14', marksEntered: 7, marksLate: 1 });
  });

  // S2: staff 2; class 9Б of 4 pupils with 4 guardians; a pupil who left on 30 Sep (not counted).
  await staffMembers(ctx, s2.id, ['active', 'active']);
  const y2 = await makeSchoolYear(ctx, s2.id);
  await classWith(ctx, s2.id, y2.yearId, { grade: 9, letter: 'Б', students: ['none', 'none', 'none', 'none'], guardians: ['active7', 'none', 'none', 'none'] });
  const left = await classWith(ctx, s2.id, y2.yearId, { grade: 9, letter: 'В', students: ['active7'], guardians: [] });
  await ctx.db.kysely.updateTable('enrolments').set({ ended_on: '2026-09-30', end_reason: 'moved' }).where('person_id', '=', left.studentIds[0]!).execute();
  await ctx.db.kysely.updateTable('class_members').set({ to_date: '2026-09-30' }).where('student_person_id', '=', left.studentIds[0]!).execute();

  // S3: one member of staff, no account.
  await staffMembers(ctx, s3.id, ['none']);

  // B: 10 staff, 8 activated and active. C: 5 staff activated, none active; 2 lessons, both with a topic.
  await staffMembers(ctx, sB.id, ['active7', 'active7', 'active7', 'active7', 'active7', 'active7', 'active7', 'active7', 'none', 'pending']);
  await staffMembers(ctx, sC.id, ['active', 'active', 'active', 'active', 'active']);
  const cC = await makeCourseFixture(ctx, sC.id, { students: 0 });
  const lc = await makeLessons(ctx, { schoolId: sC.id, courseId: cC.courseId, termId: cC.termIds[0]!, teacherPersonId: cC.teacherPersonId, dates: ['2026-10-08', '2026-10-12'] });
  await ctx.db.kysely.updateTable('lessons').set({ topic: 'Тема' }).where('id', 'in', lc).execute();

  return { region, mA, mB, mC, s1, s2, s3, sB, sC };
}
