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

  // people, grants, accounts, consents (issue 3)
  'people.read': ['admin', 'director', 'school_admin', 'deputy'],
  'people.manage': ['admin', 'school_admin'],
  'grants.manage': ['admin', 'region_coordinator', 'municipal_officer', 'director', 'school_admin'],
  'accounts.reissue': ['admin', 'region_coordinator', 'municipal_officer', 'director', 'school_admin'],
  'consents.read': ['admin', 'director', 'school_admin', 'deputy'],
  'consents.manage': ['admin', 'school_admin'],
  // An aggregate (counts only): municipal and regional roles may see it.
  'consents.coverage': ['admin', 'region_coordinator', 'municipal_officer', 'director', 'school_admin', 'deputy'],
  'children.read': ['guardian', 'student'],
  // school set-up (server/modules/school-setup)
  'setup.manage': ['admin', 'school_admin', 'director'],
  /** Single changes of dated lessons: move, cancel, add, substitute (the deputy arranges substitutions). */
  'lessons.manage': ['admin', 'school_admin', 'director', 'deputy'],
  /** Students and guardians read it through their own relations (policy.canReadSchoolWide). */
  'timetable.read': ['admin', 'director', 'school_admin', 'deputy', 'teacher', 'class_teacher', 'student', 'guardian'],
  'imports.run': ['admin', 'school_admin'],
  'exports.read': ['admin', 'school_admin', 'director'],
  'letters.print': ['admin', 'school_admin'],
  // journal (issue 5); the course-level scope is decided in policy/journal.ts
  'journal.read': ['admin', 'director', 'deputy', 'school_admin', 'teacher', 'class_teacher'],
  'journal.write': ['admin', 'teacher'],
  'journal.control': ['admin', 'director', 'deputy'],
  'journal.home': ['teacher'],
  'journal.class': ['admin', 'director', 'deputy', 'school_admin', 'class_teacher'],
  // backup: whole-installation copies and school data export/import
  'backup.manage': ['admin'],
  // Rollout monitoring (issue 8): counts for every level; names of people only for the school's own staff.
  'monitoring.region': ['admin', 'region_coordinator'],
  'monitoring.municipality': ['admin', 'region_coordinator', 'municipal_officer'],
  'monitoring.school': ['admin', 'region_coordinator', 'municipal_officer', 'director', 'school_admin', 'deputy'],
  'monitoring.school.people': ['director', 'school_admin', 'deputy'],
  'reports.confirm': ['director', 'school_admin'],
  'reports.confirm.municipality': ['municipal_officer'],
  'plan.manage': ['admin', 'region_coordinator'],

  // diary (issue 6): pupils see themselves, guardians their children (policy.ts, selfCovers)
  'diary.read': ['admin', 'student', 'guardian'],
  'diary.confirm': ['guardian'],
  'diary.notifications': ['guardian'],
  'diary.class': ['admin', 'director', 'deputy', 'school_admin', 'class_teacher'],

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
