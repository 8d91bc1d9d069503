import type { Role } from '../../shared/roles.js';
import type { Actor } from './actor.js';
import { grantCovers, type ScopeTarget } from './scope.js';

/**
 * The order's chain of appointments: who may give (and withdraw) which role,
 * each within the scope of their own grant. The admin may give any role.
 *   region coordinator → municipal officers of the region's municipalities (order 5.1)
 *   municipal officer  → director and school admin of the municipality's schools (appendix 1, municipal level)
 *   director           → the school's responsible person and staff roles (order 6.1)
 *   school admin       → the school's staff roles, class teachers, students and guardians
 */
export const grantableBy: Partial<Record<Role, readonly Role[]>> = {
  region_coordinator: ['municipal_officer'],
  municipal_officer: ['director', 'school_admin'],
  director: ['school_admin', 'deputy', 'teacher', 'class_teacher'],
  school_admin: ['deputy', 'teacher', 'class_teacher', 'student', 'guardian'],
};

export type GrantDecision = 'allowed' | 'out_of_scope' | 'not_grantable';

/**
 * May the actor give `role` at `target`? 'out_of_scope' when none of the
 * actor's appointing grants covers the place (answered as a 404, so nothing
 * leaks); 'not_grantable' when the place is theirs but the role is not.
 */
export function grantDecision(actor: Actor, role: Role, target: ScopeTarget): GrantDecision {
  if (actor.grants.some((g) => g.role === 'admin')) return 'allowed';
  const appointing = actor.grants.filter((g) => (grantableBy[g.role]?.length ?? 0) > 0 && grantCovers(g, target));
  if (appointing.length === 0) return 'out_of_scope';
  return appointing.some((g) => grantableBy[g.role]!.includes(role)) ? 'allowed' : 'not_grantable';
}

export function mayGrant(actor: Actor, role: Role, target: ScopeTarget): boolean {
  return grantDecision(actor, role, target) === 'allowed';
}
