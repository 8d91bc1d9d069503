/** Roles of design.md, each granted in a scope. */
export const roles = [
  'admin',
  'region_coordinator',
  'municipal_officer',
  'director',
  'school_admin',
  'deputy',
  'teacher',
  'class_teacher',
  'student',
  'guardian',
] as const;

export type Role = (typeof roles)[number];

/** The level a role's scope sits at; a grant row fills the matching id column. */
export const roleScope: Record<Role, 'installation' | 'region' | 'municipality' | 'school' | 'class' | 'self'> = {
  admin: 'installation',
  region_coordinator: 'region',
  municipal_officer: 'municipality',
  director: 'school',
  school_admin: 'school',
  deputy: 'school',
  teacher: 'school',
  class_teacher: 'class',
  student: 'self',
  guardian: 'self',
};

/** Roles that count as school staff in the activation population. */
export const staffRoles: readonly Role[] = ['director', 'school_admin', 'deputy', 'teacher', 'class_teacher'];
