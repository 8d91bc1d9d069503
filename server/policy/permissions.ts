import type { Role } from '../../shared/roles.js';

/**
 * The policy's table: each permission a route may declare, and the roles that
 * hold it (each within its own scope; services check the scope against the
 * resource through policy.ts). `public` needs no session, `authenticated` any.
 * Add a module's permissions here; the authorization tests read this table.
 */
export const permissionTable = {
  public: 'public',
  authenticated: 'authenticated',

  'region.manage': ['admin'],
  'region.read': ['admin', 'region_coordinator'],
  'municipality.manage': ['admin', 'region_coordinator'],
  'municipality.read': ['admin', 'region_coordinator', 'municipal_officer'],
  'school.manage': ['admin', 'region_coordinator', 'municipal_officer'],
  'school.settings': ['admin', 'school_admin', 'director'],

  // Rollout monitoring (issue 8): counts for every level; names of people only for the school's own staff.
  'monitoring.region': ['admin', 'region_coordinator'],
  'monitoring.municipality': ['admin', 'region_coordinator', 'municipal_officer'],
  'monitoring.school': ['admin', 'region_coordinator', 'municipal_officer', 'director', 'school_admin', 'deputy'],
  'monitoring.school.people': ['director', 'school_admin', 'deputy'],
  'reports.confirm': ['director', 'school_admin'],
  'reports.confirm.municipality': ['municipal_officer'],
  'plan.manage': ['admin', 'region_coordinator'],
} as const satisfies Record<string, readonly Role[] | 'public' | 'authenticated'>;

export type Permission = keyof typeof permissionTable;

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(permissionTable, value);
}

export function rolesFor(permission: Permission): readonly Role[] | 'public' | 'authenticated' {
  return permissionTable[permission];
}
