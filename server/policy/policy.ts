import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { rolesFor, type Permission } from './permissions.js';
import { grantCovers, type ScopeTarget } from './scope.js';

/**
 * The one place that decides access. Pure functions of the actor, the
 * permission and where the resource sits; services call them, routes declare
 * the permission they need.
 */

/** Holds the permission anywhere (the route-level check). */
export function holdsPermission(actor: Actor | null, permission: Permission): boolean {
  const allowed = rolesFor(permission);
  if (allowed === 'public') return true;
  if (!actor) return false;
  if (allowed === 'authenticated') return true;
  return actor.grants.some((g) => allowed.includes(g.role));
}

/** Holds the permission over this resource. */
export function can(actor: Actor, permission: Permission, target: ScopeTarget): boolean {
  const allowed = rolesFor(permission);
  if (allowed === 'public' || allowed === 'authenticated') return true;
  return actor.grants.some((g) => allowed.includes(g.role) && grantCovers(g, target)) || selfCovers(actor, allowed, target);
}

function selfCovers(actor: Actor, allowed: readonly string[], target: ScopeTarget): boolean {
  if (target.personId == null) return false;
  if (allowed.includes('student') && target.personId === actor.personId && actor.grants.some((g) => g.role === 'student')) {
    return true;
  }
  return allowed.includes('guardian') && actor.childIds.includes(target.personId);
}

/** Throws 404 (not 403) when the resource is out of scope, so its existence does not leak. */
export function assertCan(actor: Actor, permission: Permission, target: ScopeTarget): void {
  if (!can(actor, permission, target)) throw new AppError('not_found');
}

/** Holds the permission over at least one of the places a resource sits (a person in several schools). */
export function canAny(actor: Actor, permission: Permission, targets: ScopeTarget[]): boolean {
  return targets.some((t) => can(actor, permission, t));
}

export function assertCanAny(actor: Actor, permission: Permission, targets: ScopeTarget[]): void {
  if (!canAny(actor, permission, targets)) throw new AppError('not_found');
}

/** Ids of the given level that the actor's grants cover for a permission; `all` for installation-wide roles. */
export function scopeFilter(
  actor: Actor,
  permission: Permission,
): { all: true } | { all: false; regionIds: number[]; municipalityIds: number[]; schoolIds: number[] } {
  const allowed = rolesFor(permission);
  if (allowed === 'public' || allowed === 'authenticated') return { all: true };
  const grants = actor.grants.filter((g) => allowed.includes(g.role));
  if (grants.some((g) => g.role === 'admin')) return { all: true };
  const ids = (pick: (g: (typeof grants)[number]) => number | null) =>
    [...new Set(grants.map(pick).filter((v): v is number => v != null))];
  return {
    all: false,
    regionIds: ids((g) => (g.role === 'region_coordinator' ? g.regionId : null)),
    municipalityIds: ids((g) => (g.role === 'municipal_officer' ? g.municipalityId : null)),
    schoolIds: ids((g) => g.schoolId),
  };
}

/**
 * School-wide information (the timetable) is open to the school's own roles
 * and, through their relations, to its enrolled pupils and to guardians of a
 * pupil of the school. `childSchoolIds` are the schools of the actor's
 * children (the caller looks them up). Throws 404 otherwise.
 */
export function assertCanReadSchoolWide(actor: Actor, permission: Permission, target: ScopeTarget & { schoolId: number }, childSchoolIds: number[]): void {
  if (can(actor, permission, target)) return;
  const allowed = rolesFor(permission);
  const roles = allowed === 'public' || allowed === 'authenticated' ? [] : allowed;
  if (roles.includes('student') && actor.studentSchoolIds.includes(target.schoolId)) return;
  if (roles.includes('guardian') && childSchoolIds.includes(target.schoolId)) return;
  throw new AppError('not_found');
}
