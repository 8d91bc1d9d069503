/**
 * Test data for the diary: two schools (journal fixtures), a guardian of one
 * pupil in each, a pupil with an account, a class teacher; marks are written
 * through the journal's own API, as a teacher would.
 */
import type { AppContext } from '../../context.js';
import type { App } from '../../http/types.js';
import { call } from '../../test/harness.js';
import { grantRole, makeAccount, makePerson, sessionCookie, signedIn, recordConsent } from '../../test/factories.js';
import { journalFixture } from '../journal/journal-fixture.js';

/** Mon 5 Oct, Wed 7 Oct, Mon 12 Oct, Wed 14 Oct (today in tests), Thu 15 Oct. */
export const DIARY_DATES = ['2026-10-05', '2026-10-07', '2026-10-12', '2026-10-14', '2026-10-15'];

export async function signIn(ctx: AppContext, personId: number, role: 'student' | 'guardian', scope: { schoolId?: number } = {}) {
  await grantRole(ctx, personId, role, scope);
  const { accountId } = await makeAccount(ctx, personId, { password: null });
  return { personId, accountId, cookie: await sessionCookie(ctx, accountId) };
}

export async function diaryFixture(ctx: AppContext, options: { guardianEmail?: string | null } = {}) {
  const a = await journalFixture(ctx, { students: 3, dates: DIARY_DATES });
  const b = await journalFixture(ctx, { students: 2, dates: DIARY_DATES });
  const db = ctx.db.kysely;
  const now = ctx.clock.now().toISOString();
  const guardianId = await makePerson(ctx, { surname: 'Родителева', name: 'Мария', patronymic: 'Ивановна' });
  await db.updateTable('persons').set({ email: options.guardianEmail === undefined ? null : options.guardianEmail }).where('id', '=', guardianId).execute();
  const childA = a.studentIds[0]!;
  const childB = b.studentIds[0]!;
  for (const [schoolId, child] of [[a.schoolId, childA], [b.schoolId, childB]] as const) {
    await db.insertInto('guardianships').values({ school_id: schoolId, guardian_person_id: guardianId, student_person_id: child, relation: 'mother', created_at: now }).execute();
    // A guardian sees a child only while a consent is on record.
    await recordConsent(ctx, schoolId, child, guardianId);
  }
  const guardian = await signIn(ctx, guardianId, 'guardian', { schoolId: a.schoolId });
  const pupil = await signIn(ctx, a.studentIds[1]!, 'student', { schoolId: a.schoolId });
  const classTeacher = await signedIn(ctx, 'class_teacher', { schoolId: a.schoolId, classId: a.classId });
  return { a, b, childA, childB, guardian, pupil, classTeacher };
}

export async function workTypes(app: App, cookie: string, schoolId: number): Promise<Record<string, { id: number; weight: number; name: string }>> {
  const res = await call(app, 'GET', `/api/journal/schools/${schoolId}/work-types`, { cookie });
  if (res.status !== 200) throw new Error(`work types: ${res.status}`);
  return Object.fromEntries((res.body as Array<{ id: number; code: string; weight: number; name: string }>).map((t) => [t.code, t]));
}

export async function writeJournal(app: App, cookie: string, changes: unknown[]) {
  const res = await call(app, 'POST', '/api/journal/changes', { cookie, body: { changes } });
  if (res.status !== 200) throw new Error(`journal write: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.results as Array<{ id: number | null; version: number; value: string | null }>;
}

/** One more guardian of a pupil, with an e-mail address and a notification mode chosen through the API; signed in. */
export async function guardianWithMail(app: App, ctx: AppContext, studentId: number, schoolId: number, email: string, mode: string) {
  const personId = await makePerson(ctx, { surname: 'Опекунов', name: 'Пётр' });
  await ctx.db.kysely.updateTable('persons').set({ email }).where('id', '=', personId).execute();
  await ctx.db.kysely
    .insertInto('guardianships')
    .values({ school_id: schoolId, guardian_person_id: personId, student_person_id: studentId, relation: 'father', created_at: ctx.clock.now().toISOString() })
    .execute();
  const g = await signIn(ctx, personId, 'guardian', { schoolId });
  await call(app, 'PUT', '/api/diary/notifications', { cookie: g.cookie, body: { mode } });
  return g;
}

/**
 * A guardian (on instant notices) of two pupils of class A, only the first with a consent on record:
 * they keep an active account through that consent and must hear nothing of the second child.
 */
export async function guardianOfConsentedAndNot(app: App, ctx: AppContext, f: Awaited<ReturnType<typeof diaryFixture>>) {
  const [withConsent, without] = [f.a.studentIds[1]!, f.a.studentIds[2]!];
  await recordConsent(ctx, f.a.schoolId, withConsent, f.guardian.personId);
  const uncle = await guardianWithMail(app, ctx, withConsent, f.a.schoolId, 'uncle@family.test', 'instant');
  await ctx.db.kysely
    .insertInto('guardianships')
    .values({ school_id: f.a.schoolId, guardian_person_id: uncle.personId, student_person_id: without, relation: 'other', created_at: ctx.clock.now().toISOString() })
    .execute();
  return { withConsent, without, uncle };
}
