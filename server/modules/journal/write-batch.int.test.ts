/**
 * Writes that share one group commit (write-queue.ts): jobs submitted in the
 * same tick go into the same batch transaction, so these tests call the
 * service directly, without awaiting between submissions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForSessionToken } from '../accounts/accounts.service.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { journalFixture } from './journal-fixture.js';
import * as journal from './journal.service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

async function actorOf(cookie: string): Promise<Actor> {
  const actor = await actorForSessionToken(env.ctx, cookie.slice(cookie.indexOf('=') + 1));
  if (!actor) throw new Error('no live session for the cookie');
  return actor;
}

const db = () => env.ctx.db.kysely;
const mark = (lessonId: number, studentId: number, value: string, extra: Record<string, unknown> = {}) => ({ kind: 'mark' as const, lessonId, studentId, value, ...extra });

async function marksOf(schoolId: number) {
  return db().selectFrom('marks').select(['lesson_id', 'student_person_id', 'value', 'weight', 'work_type_id']).where('school_id', '=', schoolId).orderBy('id').execute();
}

async function auditOf(schoolId: number) {
  return db().selectFrom('audit_log').select(['seq', 'entity', 'entity_key', 'action']).where('school_id', '=', schoolId).orderBy('seq').execute();
}

function refusal(result: PromiseSettledResult<unknown>): { code: string; field: string | undefined } {
  expect(result.status).toBe('rejected');
  const error = (result as PromiseRejectedResult).reason;
  expect(error).toBeInstanceOf(AppError);
  return { code: (error as AppError).code, field: (error as AppError).options.field };
}

describe('one batch, several teachers and schools', () => {
  it('answers each job on its own; a refused one leaves no row and no audit record; every school’s chain verifies', async () => {
    const a = await journalFixture(env.ctx);
    const b = await journalFixture(env.ctx);
    const [teacherA, teacherB] = [await actorOf(a.teacher.cookie), await actorOf(b.teacher.cookie)];
    const activityBefore = await db().selectFrom('school_daily_activity').select(['school_id', 'marks_entered']).where('school_id', 'in', [a.schoolId, b.schoolId]).execute();
    expect(activityBefore).toEqual([]);

    // Submitted in one tick: one batch, one transaction.
    const results = await Promise.allSettled([
      journal.writeChanges(env.ctx, teacherA, { changes: [mark(a.lessonIds[0]!, a.studentIds[0]!, '5')] }),
      journal.writeChanges(env.ctx, teacherB, { changes: [mark(b.lessonIds[0]!, b.studentIds[0]!, '4'), mark(b.lessonIds[1]!, b.studentIds[1]!, '3')] }),
      journal.writeChanges(env.ctx, teacherB, { changes: [mark(b.lessonIds[2]!, b.studentIds[2]!, '2'), mark(b.lessonIds[2]!, b.studentIds[3]!, '7')] }),
      journal.writeChanges(env.ctx, teacherA, { changes: [{ kind: 'attendance', lessonId: a.lessonIds[1]!, studentId: a.studentIds[1]!, version: 0, code: 'absent' }] }),
      journal.writeChanges(env.ctx, teacherA, { changes: [mark(a.lessonIds[2]!, b.studentIds[0]!, '5')] }),
      journal.writeChanges(env.ctx, teacherA, { changes: [mark(a.lessonIds[3]!, a.studentIds[3]!, '3')] }),
    ]);

    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { results: [{ version: 1, value: '5' }] } });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { results: [{ value: '4' }, { value: '3' }] } });
    // All or nothing within a request: the '7' refuses the whole request, its valid '2' included.
    expect(refusal(results[2]!)).toEqual({ code: 'mark_not_allowed', field: '/body/changes/1/value' });
    expect(results[3]).toMatchObject({ status: 'fulfilled', value: { results: [{ version: 1, value: 'absent' }] } });
    expect(refusal(results[4]!)).toEqual({ code: 'student_not_in_course', field: '/body/changes/0/studentId' });
    expect(results[5]).toMatchObject({ status: 'fulfilled', value: { results: [{ version: 1, value: '3' }] } });

    expect((await marksOf(a.schoolId)).map((m) => [m.lesson_id, m.student_person_id, m.value])).toEqual([
      [a.lessonIds[0], a.studentIds[0], '5'],
      [a.lessonIds[3], a.studentIds[3], '3'],
    ]);
    expect((await marksOf(b.schoolId)).map((m) => [m.lesson_id, m.student_person_id, m.value])).toEqual([
      [b.lessonIds[0], b.studentIds[0], '4'],
      [b.lessonIds[1], b.studentIds[1], '3'],
    ]);
    // Each school's chain: consecutive sequence numbers, only the accepted changes, in submission order.
    expect((await auditOf(a.schoolId)).map((r) => [r.seq, r.entity, r.entity_key])).toEqual([
      [1, 'mark', `L${a.lessonIds[0]}:S${a.studentIds[0]}`],
      [2, 'attendance', `L${a.lessonIds[1]}:S${a.studentIds[1]}`],
      [3, 'mark', `L${a.lessonIds[3]}:S${a.studentIds[3]}`],
    ]);
    expect((await auditOf(b.schoolId)).map((r) => [r.seq, r.entity_key])).toEqual([
      [1, `L${b.lessonIds[0]}:S${b.studentIds[0]}`],
      [2, `L${b.lessonIds[1]}:S${b.studentIds[1]}`],
    ]);
    for (const schoolId of [a.schoolId, b.schoolId]) {
      const report = await journal.verifyAuditChains(env.ctx, schoolId);
      expect(report).toMatchObject({ schools: 1, broken: [] });
    }
    const heads = await db().selectFrom('audit_heads').select(['school_id', 'seq']).where('school_id', 'in', [a.schoolId, b.schoolId]).orderBy('school_id').execute();
    expect(heads).toEqual([{ school_id: a.schoolId, seq: 3 }, { school_id: b.schoolId, seq: 2 }].sort((x, y) => x.school_id - y.school_id));

    // The rollout counters count the accepted new marks only, per school.
    const activity = await db().selectFrom('school_daily_activity').select(['school_id', 'marks_entered']).where('school_id', 'in', [a.schoolId, b.schoolId]).orderBy('school_id').execute();
    expect(activity).toEqual([{ school_id: a.schoolId, marks_entered: 2 }, { school_id: b.schoolId, marks_entered: 2 }].sort((x, y) => x.school_id - y.school_id));
    // Both grids' revisions were bumped in the same transaction.
    const revisions = await db().selectFrom('journal_revisions').select(['course_id', 'rev']).where('course_id', 'in', [a.courseId, b.courseId]).execute();
    expect(revisions.map((r) => r.course_id).sort()).toEqual([a.courseId, b.courseId].sort());
    expect(revisions.every((r) => Number(r.rev) >= 1)).toBe(true);
  });

  it('a term lock in the middle of a batch: the writes after it need a reason and are flagged', async () => {
    const f = await journalFixture(env.ctx);
    const [teacher, deputy] = [await actorOf(f.teacher.cookie), await actorOf(f.deputy.cookie)];
    const [l1] = f.lessonIds as [number];
    const [s1, s2, s3] = f.studentIds as [number, number, number];

    const results = await Promise.allSettled([
      journal.writeChanges(env.ctx, teacher, { changes: [mark(l1, s1, '5')] }),
      journal.lockTerm(env.ctx, deputy, f.schoolId, { termId: f.termId, scope: 'school' }),
      journal.writeChanges(env.ctx, teacher, { changes: [mark(l1, s2, '4')] }),
      journal.writeChanges(env.ctx, teacher, { changes: [mark(l1, s3, '3', { reason: 'Пересдача' })] }),
    ]);

    expect(results[0]!.status).toBe('fulfilled');
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { termId: f.termId, scope: 'school' } });
    expect(refusal(results[2]!)).toEqual({ code: 'reason_required', field: '/body/changes/0/reason' });
    expect(results[3]!.status).toBe('fulfilled');
    expect((await marksOf(f.schoolId)).map((m) => [m.student_person_id, m.value])).toEqual([
      [s1, '5'],
      [s3, '3'],
    ]);
    const corrections = await db().selectFrom('corrections').select(['student_person_id', 'new_value', 'reason']).where('school_id', '=', f.schoolId).execute();
    expect(corrections).toEqual([{ student_person_id: s3, new_value: '3', reason: 'Пересдача' }]);
    expect(await journal.verifyAuditChains(env.ctx, f.schoolId)).toMatchObject({ broken: [] });
  });
});

describe('a mark’s work type', () => {
  it('defaults to the lesson’s own type and weight; a type of another school is refused on its field, nothing written', async () => {
    const f = await journalFixture(env.ctx);
    const other = await journalFixture(env.ctx);
    const [teacher, deputy, otherDeputy] = [await actorOf(f.teacher.cookie), await actorOf(f.deputy.cookie), await actorOf(other.deputy.cookie)];
    const test = (await journal.listWorkTypes(env.ctx, deputy, f.schoolId)).find((t) => t.code === 'test')!;
    const foreign = (await journal.listWorkTypes(env.ctx, otherDeputy, other.schoolId)).find((t) => t.code === 'test')!;
    expect(test.weight).toBe(3);
    const [l1, l2] = f.lessonIds as [number, number];
    const [s1, s2] = f.studentIds as [number, number];
    await journal.updateLesson(env.ctx, teacher, l1, { version: 1, workTypeId: test.id });

    await journal.writeChanges(env.ctx, teacher, { changes: [mark(l1, s1, '4'), mark(l2, s1, '5')] });
    expect(await marksOf(f.schoolId)).toEqual([
      { lesson_id: l1, student_person_id: s1, value: '4', weight: 3, work_type_id: test.id },
      { lesson_id: l2, student_person_id: s1, value: '5', weight: 1, work_type_id: null },
    ]);
    const auditBefore = (await auditOf(f.schoolId)).length;
    const refused = await Promise.allSettled([journal.writeChanges(env.ctx, teacher, { changes: [mark(l1, s2, '4', { workTypeId: foreign.id })] })]);
    expect(refusal(refused[0]!)).toEqual({ code: 'not_found', field: '/body/changes/0/workTypeId' });
    expect(await marksOf(f.schoolId)).toHaveLength(2);
    expect(await auditOf(f.schoolId)).toHaveLength(auditBefore);
  });

  it('a lesson’s type changed earlier in the same batch applies to the marks after it', async () => {
    const f = await journalFixture(env.ctx);
    const [teacher, deputy] = [await actorOf(f.teacher.cookie), await actorOf(f.deputy.cookie)];
    const test = (await journal.listWorkTypes(env.ctx, deputy, f.schoolId)).find((t) => t.code === 'test')!;
    const [l1] = f.lessonIds as [number];
    const [s1, s2] = f.studentIds as [number, number];

    const results = await Promise.allSettled([
      journal.writeChanges(env.ctx, teacher, { changes: [mark(l1, s1, '4')] }),
      journal.updateLesson(env.ctx, teacher, l1, { version: 1, workTypeId: test.id }),
      journal.writeChanges(env.ctx, teacher, { changes: [mark(l1, s2, '5')] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect((await marksOf(f.schoolId)).map((m) => [m.student_person_id, m.weight, m.work_type_id])).toEqual([
      [s1, 1, null],
      [s2, 3, test.id],
    ]);
  });
});

describe('late marks, by the school’s latest school days', () => {
  const lateCount = async (schoolId: number) =>
    (await db().selectFrom('school_daily_activity').select(['marks_entered', 'marks_late']).where('school_id', '=', schoolId).executeTakeFirst()) ?? null;

  it('a threshold of two school days; a cancelled lesson’s day is not a school day', async () => {
    const dates = ['2026-10-08', '2026-10-09', '2026-10-12', '2026-10-13', '2026-10-14'];
    const plain = await journalFixture(env.ctx, { dates });
    const cancelled = await journalFixture(env.ctx, { dates });
    for (const f of [plain, cancelled]) await db().updateTable('schools').set({ settings: JSON.stringify({ lateAfterSchoolDays: 2 }) }).where('id', '=', f.schoolId).execute();
    await db().updateTable('lessons').set({ status: 'cancelled' }).where('id', '=', cancelled.lessonIds[2]!).execute();

    for (const f of [plain, cancelled]) {
      const teacher = await actorOf(f.teacher.cookie);
      // Thu 8th: four (three) school days after it; Fri 9th: three (two); Tue 13th: one calendar day, never late.
      await journal.writeChanges(env.ctx, teacher, { changes: [mark(f.lessonIds[0]!, f.studentIds[0]!, '5'), mark(f.lessonIds[1]!, f.studentIds[0]!, '4'), mark(f.lessonIds[3]!, f.studentIds[0]!, '3')] });
    }
    expect(await lateCount(plain.schoolId)).toEqual({ marks_entered: 3, marks_late: 2 });
    expect(await lateCount(cancelled.schoolId)).toEqual({ marks_entered: 3, marks_late: 1 });
  });
});
