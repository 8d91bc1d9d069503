/**
 * Sessions and what each person may reach (grants, children with consent,
 * schools of enrolment, taught courses), kept in this process while the
 * database's access epoch is unchanged. Triggers bump the epoch in the same
 * transaction as any change an actor is built from (migration 0012: a
 * session revoked, an account blocked, a name, a grant, a guardianship, a
 * consent, an enrolment, a course teacher), whatever process or person made
 * it, so nothing kept can outlive a revoked session, grant or consent.
 * The epoch is read first, before the rows it validates: a change committed
 * between the two reads is kept under the old epoch and rebuilt on the next
 * request, never the other way round. A session's last activity is not in
 * the epoch: the kept row may be older than the database's (see
 * actorForSessionToken).
 */
import type { AppContext } from '../../context.js';
import { KeptReads, keepNewest } from '../../db/change-token.js';
import { actorGrantOf, type Actor } from '../../policy/actor.js';
import * as q from './accounts.queries.js';

export type Access = Pick<Actor, 'grants' | 'childIds' | 'studentSchoolIds' | 'courseIds'>;
export type SessionRow = NonNullable<Awaited<ReturnType<typeof q.findLiveSession.first>>>;

interface KeptAccess {
  epoch: string;
  /** Enrolments are current as of a local date. */
  today: string;
  access: Access;
}
interface KeptSession {
  epoch: string;
  row: SessionRow;
}

/** About 300 bytes an entry: 20 000 people and sessions are a few megabytes. */
const KEPT_MAX = 20_000;
const kept = new WeakMap<object, { access: Map<number, KeptAccess>; sessions: Map<string, KeptSession> }>();

function keptOf(ctx: AppContext) {
  let maps = kept.get(ctx.db);
  if (!maps) kept.set(ctx.db, (maps = { access: new Map(), sessions: new Map() }));
  return maps;
}

/**
 * Under load the epoch's read was a fifth of a request's time on the server
 * (about 28 µs: a WAL read lock per statement), while 64 connections bring
 * several requests a millisecond. On SQLite it is read again only when the
 * database's change token has moved (db/change-token.ts): a change made
 * through this process's connection is seen at once, one made by another
 * process or by hand at most SHARED_MS after its commit.
 */
const epochRead = new KeptReads<'epoch', string>(1);

export async function currentEpoch(ctx: AppContext): Promise<string> {
  return epochRead.get(ctx.db, 'epoch', async () => String((await q.accessEpoch.first(ctx.db, []))?.value ?? 0));
}

/** The session row of a token hash; `fresh` reads it from the database whatever is kept. */
export async function sessionOf(ctx: AppContext, tokenHash: string, epoch: string, fresh = false): Promise<SessionRow | undefined> {
  const { sessions } = keptOf(ctx);
  const hit = sessions.get(tokenHash);
  if (!fresh && hit && hit.epoch === epoch) return hit.row;
  const row = await q.findLiveSession.first(ctx.db, [tokenHash]);
  // Unknown tokens are not kept: guessing them must not fill the memory.
  if (row) keepNewest(sessions, tokenHash, { epoch, row }, KEPT_MAX);
  return row;
}

export async function accessOf(ctx: AppContext, personId: number, epoch: string, today: string): Promise<Access> {
  const { access: map } = keptOf(ctx);
  const hit = map.get(personId);
  if (hit && hit.epoch === epoch && hit.today === today) return hit.access;
  const access = await readAccess(ctx, personId, today);
  keepNewest(map, personId, { epoch, today, access }, KEPT_MAX);
  return access;
}

async function readAccess(ctx: AppContext, personId: number, today: string): Promise<Access> {
  const [grants, children, enrolments, courses] = await Promise.all([
    q.activeGrants.all(ctx.db, [personId]),
    q.childIdsOf.all(ctx.db, [personId]),
    q.currentEnrolmentSchools.all(ctx.db, [personId, today, today]),
    q.taughtCourseIds.all(ctx.db, [personId]),
  ]);
  // Shared by every request of the person until the epoch moves: frozen, so no caller can change it.
  return Object.freeze({
    grants: Object.freeze(grants.map((g) => Object.freeze(actorGrantOf(g)))),
    childIds: Object.freeze(children.map((c) => c.student_person_id)),
    studentSchoolIds: Object.freeze(enrolments.map((e) => e.school_id)),
    courseIds: Object.freeze(courses.map((c) => c.course_id)),
  });
}
