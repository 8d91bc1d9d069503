/**
 * The people of the load test (bench/load.ts), each with a real session of
 * their own account in the working copy of the region dataset:
 *  - teachers with an active account, each on a different course of theirs
 *    (marks 2–5), with the past lessons of the current term and its pupils;
 *    a teacher writes only in that course, so no two sessions share a cell;
 *  - guardians with an active account and a child with consent on record;
 *  - officials: the dataset's coordinator and municipal officer, plus (the
 *    demo has one of each) further officials created in the working copy
 *    with a grant on the region or on one of its municipalities.
 */
import type { AppContext } from '../../server/context.js';
import { markingCourses } from './marking-courses.js';
import { Random } from '../../server/demo/random.js';
import { isLocked } from '../../server/modules/journal/journal.queries.js';
import { sessionCookie, signedIn } from '../../server/test/factories.js';

export type Kind = 'teacher.grid' | 'teacher.write' | 'guardian.diary' | 'official.municipality' | 'official.region';
export const KINDS: Kind[] = ['teacher.grid', 'teacher.write', 'guardian.diary', 'official.municipality', 'official.region'];

export interface TeacherSession {
  role: 'teacher';
  cookie: string;
  courseId: number;
  termId: number;
  lessonIds: number[];
  studentIds: number[];
}
export interface GuardianSession {
  role: 'guardian';
  cookie: string;
  childId: number;
}
export interface OfficialSession {
  role: 'official';
  cookie: string;
  regionId: number;
  municipalityId: number | null;
}
export type LoadSession = TeacherSession | GuardianSession | OfficialSession;

export interface Mix {
  teachers: number;
  guardians: number;
  officials: number;
}

/** 1 000 sessions → 250 teachers, 650 guardians, 100 officials (the same shares at any count). */
export function mixFor(sessions: number): Mix {
  const teachers = Math.round(sessions * 0.25);
  const officials = Math.max(2, Math.round(sessions * 0.1));
  return { teachers, guardians: sessions - teachers - officials, officials };
}

const STALE = ' (fewer sessions, or a larger --scale; a dataset kept in bench/data by an older version may lack lessons and marks: delete it to regenerate)';

export async function prepareSessions(ctx: AppContext, mix: Mix, today: string, seed: number): Promise<LoadSession[]> {
  const rnd = new Random(seed);
  const teachers = await teacherSessions(ctx, mix.teachers, today);
  const guardians = await guardianSessions(ctx, mix.guardians, rnd);
  const officials = await officialSessions(ctx, mix.officials);
  return [...teachers, ...guardians, ...officials];
}

async function teacherSessions(ctx: AppContext, count: number, today: string): Promise<TeacherSession[]> {
  const db = ctx.db.kysely;
  const candidates = await markingCourses(ctx, { classCoursesOnly: true });
  const teachers = new Set<number>();
  const courses = new Set<number>();
  const sessions: TeacherSession[] = [];
  for (const c of candidates) {
    if (sessions.length >= count) break;
    if (teachers.has(c.teacher) || courses.has(c.courseId)) continue;
    const lessons = await db
      .selectFrom('lessons')
      .select(['id', 'date', 'term_id'])
      .where('course_id', '=', c.courseId)
      .where('teacher_person_id', '=', c.teacher)
      .where('status', '=', 'scheduled')
      .where('date', '<', today)
      .orderBy('date', 'desc')
      .limit(15)
      .execute();
    const termId = lessons[0]?.term_id;
    const current = lessons.filter((l) => l.term_id === termId);
    if (!termId || current.length < 3 || (await isLocked(ctx.db, c.schoolId, termId, c.classId, c.courseId))) continue;
    const from = current[current.length - 1]!.date;
    const pupils = await db
      .selectFrom('class_members')
      .select('student_person_id as id')
      .where('class_id', '=', c.classId)
      .where('from_date', '<=', from)
      .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', today)]))
      .execute();
    if (pupils.length < 5) continue;
    teachers.add(c.teacher);
    courses.add(c.courseId);
    sessions.push({ role: 'teacher', cookie: await sessionCookie(ctx, c.accountId), courseId: c.courseId, termId, lessonIds: current.map((l) => l.id), studentIds: pupils.map((p) => p.id) });
  }
  if (sessions.length < count) throw new Error(`only ${sessions.length} of ${count} teachers with an active account and a course to write in${STALE}`);
  return sessions;
}

async function guardianSessions(ctx: AppContext, count: number, rnd: Random): Promise<GuardianSession[]> {
  const rows = await ctx.db.kysely
    .selectFrom('guardianships as g')
    .innerJoin('accounts as a', 'a.person_id', 'g.guardian_person_id')
    .innerJoin('consents as c', (j) => j.onRef('c.student_person_id', '=', 'g.student_person_id').on('c.withdrawn_at', 'is', null))
    .select(['a.id as accountId', 'g.guardian_person_id as guardian', 'g.student_person_id as child'])
    .where('a.status', '=', 'active')
    .orderBy('g.id')
    .execute();
  const byGuardian = new Map<number, { accountId: number; child: number }>();
  for (const r of rows) if (!byGuardian.has(r.guardian)) byGuardian.set(r.guardian, { accountId: r.accountId, child: r.child });
  const all = [...byGuardian.values()];
  if (all.length < count) throw new Error(`only ${all.length} of ${count} guardians with an active account and consent on record${STALE}`);
  // Spread over the whole region, not the first schools only.
  const step = all.length / count;
  const sessions: GuardianSession[] = [];
  for (let i = 0; i < count; i++) {
    const g = all[Math.min(all.length - 1, Math.floor(i * step + rnd.next() * step))]!;
    sessions.push({ role: 'guardian', cookie: await sessionCookie(ctx, g.accountId), childId: g.child });
  }
  return sessions;
}

async function officialSessions(ctx: AppContext, count: number): Promise<OfficialSession[]> {
  const db = ctx.db.kysely;
  const region = await db.selectFrom('regions').select('id').orderBy('id').executeTakeFirstOrThrow();
  const municipalities = (await db.selectFrom('municipalities').select('id').where('region_id', '=', region.id).orderBy('id').execute()).map((m) => m.id);
  const existing = await db
    .selectFrom('grants as g')
    .innerJoin('accounts as a', 'a.person_id', 'g.person_id')
    .select(['a.id as accountId', 'g.role', 'g.municipality_id'])
    .where('g.role', 'in', ['region_coordinator', 'municipal_officer'])
    .where('g.revoked_at', 'is', null)
    .where('a.status', '=', 'active')
    .execute();
  const sessions: OfficialSession[] = [];
  for (const g of existing) {
    if (sessions.length >= count) break;
    sessions.push({ role: 'official', cookie: await sessionCookie(ctx, g.accountId), regionId: region.id, municipalityId: g.role === 'municipal_officer' ? g.municipality_id : null });
  }
  // One coordinator in five, the others officers of the municipalities in turn.
  for (let i = sessions.length; i < count; i++) {
    const coordinator = i % 5 === 0;
    const municipalityId = coordinator ? null : municipalities[i % municipalities.length]!;
    const { cookie } = await signedIn(ctx, coordinator ? 'region_coordinator' : 'municipal_officer', { regionId: region.id, ...(municipalityId ? { municipalityId } : {}) });
    sessions.push({ role: 'official', cookie, regionId: region.id, municipalityId });
  }
  return sessions;
}
