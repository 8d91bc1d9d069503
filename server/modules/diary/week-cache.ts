/**
 * A pupil's week days (lessons, marks, attendance, files), kept as JSON text
 * per pupil and week while their stamp is unchanged. The stamp is what the
 * days are built from, read before them in one indexed lookup:
 * - the journal revisions of every course of the pupil's classes, which
 *   every journal write (marks, attendance, topics, homework, files, term
 *   marks) and every timetable change bumps in its own transaction, in
 *   whatever process it runs;
 * - the pupil's class and group memberships, which decide whose lessons the
 *   week shows (kept under the access epoch, see membershipsOf).
 * A change committed between the stamp and the build is kept under the old
 * stamp and rebuilt on the next request, never the other way round. On
 * SQLite the stamp itself is read again only when the database's change token
 * has moved (db/change-token.ts): while nothing is written, a kept week costs
 * no statement. Names of
 * subjects and teachers are not in the stamp: an entry lives NAMES_STALE_MS.
 */
import type { AppContext } from '../../context.js';
import { KeptReads, keepNewest } from '../../db/change-token.js';
import { keptStart, type KeptStart } from '../../http/json-body.js';
import type { Actor } from '../../policy/actor.js';
import * as accounts from '../accounts/accounts.service.js';
import * as q from './diary.queries.js';

/** How long a renamed subject or teacher may still show under the old name. */
const NAMES_STALE_MS = 10 * 60_000;
/** A week's days are about 7 KB of UTF-8, kept deflated in about 1.5 KB: 4 000 entries stay under 8 MB. */
const KEPT_MAX = 4000;

interface Kept {
  /** The stamp: the classes' revisions (sum and count) and the pupil's memberships (the pupil's own text, shared). */
  revision: string;
  memberships: string;
  builtAt: number;
  /** `{"days":[…]` as the start of a gzip answer (http/json-body.ts): about a fifth of its text, off the heap. */
  start: KeptStart;
}

const kept = new WeakMap<object, Map<string, Kept>>();
function keptOf(ctx: AppContext): Map<string, Kept> {
  let map = kept.get(ctx.db);
  if (!map) kept.set(ctx.db, (map = new Map()));
  return map;
}

interface Pupil {
  epoch: string;
  rows: q.Membership[];
  /** JSON of the pupil's school and class ids: the parameters of the revision lookup. */
  schools: string;
  classes: string;
  /** Class and group memberships as text: a week kept under another text is rebuilt. */
  memberships: string;
}

const pupils = new WeakMap<object, Map<number, Pupil>>();
const PUPILS_MAX = 20_000;

/**
 * A pupil's class memberships (the diary's first read, which decides the
 * week) and group memberships, kept while the access epoch stands: triggers
 * on class_members and group_members move it (migration 0012).
 */
export async function membershipsOf(ctx: AppContext, actor: Actor, studentId: number): Promise<q.Membership[]> {
  return (await pupilOf(ctx, actor, studentId)).rows;
}

async function pupilOf(ctx: AppContext, actor: Actor, studentId: number): Promise<Pupil> {
  let map = pupils.get(ctx.db);
  if (!map) pupils.set(ctx.db, (map = new Map()));
  // The epoch the request's actor was built under was read before anything of this request.
  const epoch = actor.accessEpoch ?? (await accounts.currentEpoch(ctx));
  const hit = map.get(studentId);
  if (hit && hit.epoch === epoch) return hit;
  const [rows, groups] = await Promise.all([q.memberships.all(ctx.db, [studentId]), q.groupsOf.all(ctx.db, [studentId])]);
  const pupil: Pupil = {
    epoch,
    rows,
    schools: JSON.stringify([...new Set(rows.map((r) => r.schoolId))]),
    classes: JSON.stringify([...new Set(rows.map((r) => r.classId))]),
    memberships: JSON.stringify([rows, groups]),
  };
  keepNewest(map, studentId, pupil, PUPILS_MAX);
  return pupil;
}

/** The stamp's revisions per pupil, read again only once the database's change token has moved. */
const revisions = new KeptReads<number, string>(PUPILS_MAX);

/** The week's answer up to its days, `{"days":[…]`; the caller adds the viewer's members and the closing brace. */
export async function keptDays(ctx: AppContext, actor: Actor, studentId: number, monday: string, build: () => Promise<string>): Promise<KeptStart> {
  const map = keptOf(ctx);
  const key = `${studentId}:${monday}`;
  const pupil = await pupilOf(ctx, actor, studentId);
  const revision = await revisions.get(ctx.db, studentId, async () => {
    const row = await q.revisionOfClasses.first(ctx.db, [pupil.schools, pupil.classes]);
    return `${row?.rev ?? 0}:${row?.grids ?? 0}`;
  });
  const now = Date.now();
  const hit = map.get(key);
  if (hit && hit.revision === revision && hit.memberships === pupil.memberships && now - hit.builtAt < NAMES_STALE_MS) {
    // Least recently read first: a week parents keep opening stays while others are dropped.
    keepNewest(map, key, hit, KEPT_MAX);
    return hit.start;
  }
  const start = keptStart(`{"days":${await build()}`);
  map.delete(key);
  // Least recently read first: drop what has outlived its names, then the least recently read while full.
  for (const [k, v] of map) {
    if (now - v.builtAt < NAMES_STALE_MS && map.size < KEPT_MAX) break;
    map.delete(k);
  }
  map.set(key, { revision, memberships: pupil.memberships, builtAt: now, start });
  return start;
}
