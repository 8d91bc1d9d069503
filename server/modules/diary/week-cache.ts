/**
 * A pupil's week days (lessons, marks, attendance, files), kept as JSON text
 * per pupil and week while their stamp is unchanged. The stamp is what the
 * days are built from, read before them in one or two indexed lookups:
 * - the journal revisions of every course of the pupil's classes, which
 *   every journal write (marks, attendance, topics, homework, files, term
 *   marks) and every timetable change bumps in its own transaction, in
 *   whatever process it runs;
 * - the pupil's class memberships (read for the request anyway) and group
 *   memberships, which decide whose lessons the week shows.
 * A change committed between the stamp and the build is kept under the old
 * stamp and rebuilt on the next request, never the other way round. Names of
 * subjects and teachers are not in the stamp: an entry lives NAMES_STALE_MS.
 */
import type { AppContext } from '../../context.js';
import * as q from './diary.queries.js';

type Membership = Awaited<ReturnType<typeof q.memberships.all>>[number];

/** How long a renamed subject or teacher may still show under the old name. */
const NAMES_STALE_MS = 10 * 60_000;
/** A week's days are about 7 KB of text: 4 000 entries stay under 30 MB. */
const KEPT_MAX = 4000;

interface Kept {
  stamp: string;
  builtAt: number;
  days: string;
}

const kept = new WeakMap<object, Map<string, Kept>>();
function keptOf(ctx: AppContext): Map<string, Kept> {
  let map = kept.get(ctx.db);
  if (!map) kept.set(ctx.db, (map = new Map()));
  return map;
}

async function stampOf(ctx: AppContext, studentId: number, rows: Membership[]): Promise<string> {
  const schools = JSON.stringify([...new Set(rows.map((r) => r.schoolId))]);
  const classes = JSON.stringify([...new Set(rows.map((r) => r.classId))]);
  const [revision, groups] = await Promise.all([q.revisionOfClasses.first(ctx.db, [schools, classes]), q.groupsOf.all(ctx.db, [studentId])]);
  return `${revision?.rev ?? 0}|${JSON.stringify(groups)}|${JSON.stringify(rows)}`;
}

export async function keptDays(ctx: AppContext, studentId: number, monday: string, rows: Membership[], build: () => Promise<string>): Promise<string> {
  const map = keptOf(ctx);
  const key = `${studentId}:${monday}`;
  const stamp = await stampOf(ctx, studentId, rows);
  const now = Date.now();
  const hit = map.get(key);
  if (hit && hit.stamp === stamp && now - hit.builtAt < NAMES_STALE_MS) return hit.days;
  const days = await build();
  map.delete(key);
  // Oldest first: drop what has outlived its names, then the oldest while full.
  for (const [k, v] of map) {
    if (now - v.builtAt < NAMES_STALE_MS && map.size < KEPT_MAX) break;
    map.delete(k);
  }
  map.set(key, { stamp, builtAt: now, days });
  return days;
}
