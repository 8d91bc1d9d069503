import type { Role } from '../../shared/roles.js';

export interface ActorGrant {
  id: number;
  role: Role;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
  classId: number | null;
}

/** A grants row (as stored) in the actor's terms. */
export function actorGrantOf(row: { id: number; role: string; region_id: number | null; municipality_id: number | null; school_id: number | null; class_id: number | null }): ActorGrant {
  return { id: row.id, role: row.role as Role, regionId: row.region_id, municipalityId: row.municipality_id, schoolId: row.school_id, classId: row.class_id };
}

/**
 * Who is asking, built once per request from the session: the person, the
 * grants in force, and the relations that decide access to people's data.
 */
export interface Actor {
  accountId: number;
  personId: number;
  sessionId: number;
  displayName: string;
  login: string | null;
  readonly grants: readonly ActorGrant[];
  /** Students this person is a guardian of, with consent on record. */
  readonly childIds: readonly number[];
  /** Schools where this person is an enrolled student now. */
  readonly studentSchoolIds: readonly number[];
  /** Courses this person teaches (filled once courses exist). */
  readonly courseIds: readonly number[];
  /**
   * The database's access epoch this actor was built under (migration 0012),
   * read before anything of the request: what a module keeps of people's
   * memberships for this request may be keyed by it. Null when not built
   * from a session (the system actor, tests' hand-made actors).
   */
  readonly accessEpoch?: string | null;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

/** The installation itself, acting for the CLI, the demo generator and scheduled jobs. */
export const systemActor: Actor = {
  accountId: 0,
  personId: 0,
  sessionId: 0,
  displayName: 'system',
  login: null,
  grants: [{ id: 0, role: 'admin', regionId: null, municipalityId: null, schoolId: null, classId: null }],
  childIds: [],
  studentSchoolIds: [],
  courseIds: [],
};
