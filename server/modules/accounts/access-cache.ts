/**
 * What an actor may reach (grants, children with consent, schools of
 * enrolment, taught courses) kept per person in this process, valid while
 * the database's access epoch is unchanged. Triggers bump the epoch in the
 * same transaction as any change of those tables (migration 0012), whatever
 * process or person made it, so a kept entry can never outlive a revoked
 * grant or consent. The epoch is read with the session, before the rows it
 * validates: a change committed between the two reads is kept under the old
 * epoch and rebuilt on the next request, never the other way round.
 */
import type { AppContext } from '../../context.js';
import type { Actor, ActorGrant } from '../../policy/actor.js';
import type { Role } from '../../../shared/roles.js';
import * as q from './accounts.queries.js';

export type Access = Pick<Actor, 'grants' | 'childIds' | 'studentSchoolIds' | 'courseIds'>;

interface Kept {
  epoch: string;
  /** Enrolments are current as of a local date. */
  today: string;
  access: Access;
}

/** About 200 bytes a person: 20 000 people is a few megabytes. */
const KEPT_MAX = 20_000;
const kept = new WeakMap<object, Map<number, Kept>>();

function keptOf(ctx: AppContext): Map<number, Kept> {
  let map = kept.get(ctx.db);
  if (!map) kept.set(ctx.db, (map = new Map()));
  return map;
}

export async function accessOf(ctx: AppContext, personId: number, epoch: string, today: string): Promise<Access> {
  const map = keptOf(ctx);
  const hit = map.get(personId);
  if (hit && hit.epoch === epoch && hit.today === today) return hit.access;
  const access = await readAccess(ctx, personId, today);
  if (hit) map.delete(personId);
  else if (map.size >= KEPT_MAX) map.delete(map.keys().next().value!);
  map.set(personId, { epoch, today, access });
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
    grants: Object.freeze(grants.map(
      (g): ActorGrant => Object.freeze({
        id: g.id,
        role: g.role as Role,
        regionId: g.region_id,
        municipalityId: g.municipality_id,
        schoolId: g.school_id,
        classId: g.class_id,
      }),
    )),
    childIds: Object.freeze(children.map((c) => c.student_person_id)),
    studentSchoolIds: Object.freeze(enrolments.map((e) => e.school_id)),
    courseIds: Object.freeze(courses.map((c) => c.course_id)),
  });
}
