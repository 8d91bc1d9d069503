import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../shared/roles.js';
import type { Actor, ActorGrant } from './actor.js';
import { grantDecision } from './grants.js';
import type { Permission } from './permissions.js';
import { can } from './policy.js';
import type { ScopeTarget } from './scope.js';

/**
 * The policy as a table (design.md, "Who uses it"): for each role, held in a
 * home scope, and each kind of resource, in that scope and out of it, is the
 * action allowed? The home is region 1 › municipality 10 › school 100 › class
 * 1000, with the child 5000; "out" is the neighbour at the same level under
 * the same parent, so a role scoped higher up ('all' below) covers it too.
 */
const HOME = { regionId: 1, municipalityId: 10, schoolId: 100, classId: 1000 };
const CHILD = 5000;

function actorWith(role: Role): Actor {
  const g: ActorGrant = { id: 1, role, regionId: null, municipalityId: null, schoolId: null, classId: null };
  if (role === 'region_coordinator') g.regionId = HOME.regionId;
  if (role === 'municipal_officer') Object.assign(g, { regionId: 1, municipalityId: 10 });
  if (['director', 'school_admin', 'deputy', 'teacher', 'student', 'guardian'].includes(role)) Object.assign(g, { regionId: 1, municipalityId: 10, schoolId: 100 });
  if (role === 'class_teacher') Object.assign(g, HOME);
  return {
    accountId: 1,
    personId: role === 'student' ? CHILD : 42,
    sessionId: 1,
    displayName: role,
    login: role,
    grants: [g],
    childIds: role === 'guardian' ? [CHILD] : [],
    studentSchoolIds: role === 'student' ? [100] : [],
    courseIds: [],
  };
}

type Kind = 'region' | 'municipality' | 'school' | 'class' | 'child';
const targets: Record<Kind, { in: ScopeTarget; out: ScopeTarget }> = {
  region: { in: { regionId: 1 }, out: { regionId: 2 } },
  municipality: { in: { regionId: 1, municipalityId: 10 }, out: { regionId: 1, municipalityId: 11 } },
  school: { in: { regionId: 1, municipalityId: 10, schoolId: 100 }, out: { regionId: 1, municipalityId: 10, schoolId: 101 } },
  class: { in: { ...HOME }, out: { ...HOME, classId: 1001 } },
  child: { in: { ...HOME, personId: CHILD }, out: { ...HOME, classId: 1001, schoolId: 101, personId: 5001 } },
};

/** 'in' = allowed in scope only; 'all' = in and out (the role's scope is wider than the resource); '-' = never. */
type Cell = 'in' | 'all' | '-';
const table: Array<{ permission: Permission; kind: Kind; cells: Record<Role, Cell> }> = [
  {
    permission: 'municipality.manage',
    kind: 'region',
    cells: { admin: 'all', region_coordinator: 'in', municipal_officer: '-', director: '-', school_admin: '-', deputy: '-', teacher: '-', class_teacher: '-', student: '-', guardian: '-' },
  },
  {
    permission: 'school.manage',
    kind: 'municipality',
    cells: { admin: 'all', region_coordinator: 'all', municipal_officer: 'in', director: '-', school_admin: '-', deputy: '-', teacher: '-', class_teacher: '-', student: '-', guardian: '-' },
  },
  {
    // A pupil's name and data: never for municipal and regional roles (they get aggregates).
    permission: 'people.read',
    kind: 'school',
    cells: { admin: 'all', region_coordinator: '-', municipal_officer: '-', director: 'in', school_admin: 'in', deputy: 'in', teacher: '-', class_teacher: '-', student: '-', guardian: '-' },
  },
  {
    permission: 'people.read',
    kind: 'child',
    cells: { admin: 'all', region_coordinator: '-', municipal_officer: '-', director: 'in', school_admin: 'in', deputy: 'in', teacher: '-', class_teacher: '-', student: '-', guardian: '-' },
  },
  {
    permission: 'people.manage',
    kind: 'school',
    cells: { admin: 'all', region_coordinator: '-', municipal_officer: '-', director: '-', school_admin: 'in', deputy: '-', teacher: '-', class_teacher: '-', student: '-', guardian: '-' },
  },
  {
    permission: 'consents.manage',
    kind: 'school',
    cells: { admin: 'all', region_coordinator: '-', municipal_officer: '-', director: '-', school_admin: 'in', deputy: '-', teacher: '-', class_teacher: '-', student: '-', guardian: '-' },
  },
  {
    // Counts only: the monitoring chain sees them at every level.
    permission: 'consents.coverage',
    kind: 'school',
    cells: { admin: 'all', region_coordinator: 'all', municipal_officer: 'all', director: 'in', school_admin: 'in', deputy: 'in', teacher: '-', class_teacher: '-', student: '-', guardian: '-' },
  },
  {
    permission: 'children.read',
    kind: 'child',
    cells: { admin: '-', region_coordinator: '-', municipal_officer: '-', director: '-', school_admin: '-', deputy: '-', teacher: '-', class_teacher: '-', student: 'in', guardian: 'in' },
  },
  {
    permission: 'school.settings',
    kind: 'class',
    cells: { admin: 'all', region_coordinator: '-', municipal_officer: '-', director: 'all', school_admin: 'all', deputy: '-', teacher: '-', class_teacher: '-', student: '-', guardian: '-' },
  },
];

describe('the policy table: each role, in scope and out, each kind of resource', () => {
  for (const row of table) {
    for (const role of roles) {
      const cell = row.cells[role];
      it(`${row.permission} on a ${row.kind}: ${role} → ${cell}`, () => {
        const actor = actorWith(role);
        expect(can(actor, row.permission, targets[row.kind].in)).toBe(cell !== '-');
        expect(can(actor, row.permission, targets[row.kind].out)).toBe(cell === 'all');
      });
    }
  }

  it('a regional role never reaches another region', () => {
    const coordinator = actorWith('region_coordinator');
    expect(can(coordinator, 'consents.coverage', { regionId: 2, municipalityId: 20, schoolId: 200 })).toBe(false);
    expect(can(coordinator, 'school.manage', { regionId: 2, municipalityId: 20 })).toBe(false);
  });

  it('a class teacher covers the own class only, a director every class of the school', () => {
    // (No permission lists class_teacher yet; the scope rule is what the journal will use.)
    expect(can(actorWith('director'), 'school.settings', { ...HOME, classId: 1001 })).toBe(true);
  });
});

/** The order's chain of appointments: who may give which role, in scope and out. */
const chain: Array<{ by: Role; role: Role; at: ScopeTarget; expect: ReturnType<typeof grantDecision> }> = [
  { by: 'region_coordinator', role: 'municipal_officer', at: targets.municipality.in, expect: 'allowed' },
  { by: 'region_coordinator', role: 'municipal_officer', at: { regionId: 2, municipalityId: 20 }, expect: 'out_of_scope' },
  { by: 'region_coordinator', role: 'director', at: targets.school.in, expect: 'not_grantable' },
  { by: 'municipal_officer', role: 'director', at: targets.school.in, expect: 'allowed' },
  { by: 'municipal_officer', role: 'school_admin', at: targets.school.in, expect: 'allowed' },
  { by: 'municipal_officer', role: 'school_admin', at: { regionId: 1, municipalityId: 11, schoolId: 110 }, expect: 'out_of_scope' },
  { by: 'municipal_officer', role: 'teacher', at: targets.school.in, expect: 'not_grantable' },
  { by: 'municipal_officer', role: 'municipal_officer', at: targets.municipality.in, expect: 'not_grantable' },
  { by: 'director', role: 'school_admin', at: targets.school.in, expect: 'allowed' },
  { by: 'director', role: 'director', at: targets.school.in, expect: 'not_grantable' },
  { by: 'school_admin', role: 'teacher', at: targets.school.in, expect: 'allowed' },
  { by: 'school_admin', role: 'class_teacher', at: targets.class.in, expect: 'allowed' },
  { by: 'school_admin', role: 'class_teacher', at: { ...HOME, schoolId: 101, classId: 1100 }, expect: 'out_of_scope' },
  { by: 'school_admin', role: 'director', at: targets.school.in, expect: 'not_grantable' },
  { by: 'school_admin', role: 'school_admin', at: targets.school.in, expect: 'not_grantable' },
  { by: 'school_admin', role: 'teacher', at: targets.school.out, expect: 'out_of_scope' },
  { by: 'deputy', role: 'teacher', at: targets.school.in, expect: 'out_of_scope' },
  { by: 'teacher', role: 'student', at: targets.school.in, expect: 'out_of_scope' },
  { by: 'guardian', role: 'guardian', at: targets.school.in, expect: 'out_of_scope' },
  { by: 'admin', role: 'region_coordinator', at: { regionId: 2 }, expect: 'allowed' },
];

describe('grants along the chain of appointments', () => {
  for (const c of chain) {
    it(`${c.by} gives ${c.role} at ${JSON.stringify(c.at)} → ${c.expect}`, () => {
      expect(grantDecision(actorWith(c.by), c.role, c.at)).toBe(c.expect);
    });
  }
});
