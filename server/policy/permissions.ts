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

  // journal (issue 5); the course-level scope is decided in policy/journal.ts
  'journal.read': ['admin', 'director', 'deputy', 'school_admin', 'teacher', 'class_teacher'],
  'journal.write': ['admin', 'teacher'],
  'journal.control': ['admin', 'director', 'deputy'],
  'journal.home': ['teacher'],
  'journal.class': ['admin', 'director', 'deputy', 'school_admin', 'class_teacher'],

  // internal control and reports (issue 7); scopes are decided in policy/reports.ts
  'control.read': ['admin', 'director', 'deputy'],
  'control.remark': ['admin', 'director', 'deputy'],
  'control.myRemarks': ['teacher'],
  'reports.read': ['admin', 'director', 'deputy', 'teacher', 'class_teacher'],
  'reports.archive': ['admin', 'director', 'deputy', 'class_teacher'],
  'reports.aggregate': ['admin', 'region_coordinator', 'municipal_officer', 'director', 'deputy'],
} as const satisfies Record<string, readonly Role[] | 'public' | 'authenticated'>;

export type Permission = keyof typeof permissionTable;

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(permissionTable, value);
}

export function rolesFor(permission: Permission): readonly Role[] | 'public' | 'authenticated' {
  return permissionTable[permission];
}
