/**
 * Access to internal control and reports (issue 7). The deputy and the
 * director read the whole school; the class teacher their class; a teacher
 * their own courses. Municipal and regional staff get only the aggregate
 * rates, without names. Out of scope is 404.
 */
import type { Actor } from './actor.js';
import { grantCovers, type ScopeTarget } from './scope.js';

const LEADERS = ['admin', 'director', 'deputy'];

/** The whole school's reports, the control page, remarks and the school's archive. */
export function canReadSchoolReports(actor: Actor, schoolId: number): boolean {
  return actor.grants.some((g) => LEADERS.includes(g.role) && grantCovers(g, { schoolId }));
}

export function canReadClassReports(actor: Actor, schoolId: number, classId: number): boolean {
  return canReadSchoolReports(actor, schoolId) || actor.grants.some((g) => g.role === 'class_teacher' && grantCovers(g, { schoolId, classId }));
}

/** A course's figures: the class's readers and the course's own teacher. */
export function canReadCourseReports(actor: Actor, schoolId: number, classId: number, courseId: number): boolean {
  if (canReadClassReports(actor, schoolId, classId)) return true;
  return actor.courseIds.includes(courseId) && actor.grants.some((g) => g.role === 'teacher' && grantCovers(g, { schoolId }));
}

/** A teacher's load and journal-keeping: the school's leaders, and the teacher themself. */
export function canReadTeacherReport(actor: Actor, schoolId: number, teacherPersonId: number): boolean {
  if (canReadSchoolReports(actor, schoolId)) return true;
  return teacherPersonId === actor.personId && actor.grants.some((g) => g.role === 'teacher' && grantCovers(g, { schoolId }));
}

/** Aggregate rates without names: the school's leaders and the municipality and region above it. */
export function canReadAggregate(actor: Actor, target: Required<Pick<ScopeTarget, 'regionId' | 'municipalityId' | 'schoolId'>>): boolean {
  return actor.grants.some((g) => [...LEADERS, 'region_coordinator', 'municipal_officer'].includes(g.role) && grantCovers(g, target));
}
