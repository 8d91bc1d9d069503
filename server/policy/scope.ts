import type { ActorGrant } from './actor.js';

/** Where a resource sits in the hierarchy; fill what is known. */
export interface ScopeTarget {
  regionId?: number | null;
  municipalityId?: number | null;
  schoolId?: number | null;
  classId?: number | null;
  /** A person the resource is about (a student's diary, a guardian's child). */
  personId?: number | null;
}

/** Does one grant's scope cover the target? Pure: the hierarchy ids come with the target. */
export function grantCovers(grant: ActorGrant, target: ScopeTarget): boolean {
  switch (grant.role) {
    case 'admin':
      return true;
    case 'region_coordinator':
      return grant.regionId != null && target.regionId === grant.regionId;
    case 'municipal_officer':
      return grant.municipalityId != null && target.municipalityId === grant.municipalityId;
    case 'director':
    case 'school_admin':
    case 'deputy':
    case 'teacher':
      return grant.schoolId != null && target.schoolId === grant.schoolId;
    case 'class_teacher':
      return grant.classId != null && target.classId === grant.classId && target.schoolId === grant.schoolId;
    case 'student':
    case 'guardian':
      // Self scopes are decided against the actor's own relations (policy.ts), not the grant row.
      return false;
  }
}
