/**
 * Access to the journal (issue 5). The course's teachers and a lesson's
 * substitute write; deputy, director and school admin read the whole school;
 * the class teacher reads their class across subjects. Out of scope is 404.
 */
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { grantCovers } from './scope.js';

export interface CourseTarget {
  schoolId: number;
  classId: number;
  courseId: number;
  /** Teachers of the lessons concerned (a substitute is allowed on their lesson only). */
  lessonTeacherIds?: Array<number | null>;
}

function teachesHere(actor: Actor, schoolId: number): boolean {
  return actor.grants.some((g) => (g.role === 'teacher' || g.role === 'admin') && grantCovers(g, { schoolId }));
}

/** May write marks, attendance, topics and term marks of this course (or these lessons). */
export function canWriteJournal(actor: Actor, t: CourseTarget): boolean {
  if (!teachesHere(actor, t.schoolId)) return false;
  if (actor.courseIds.includes(t.courseId)) return true;
  const ids = t.lessonTeacherIds ?? [];
  return ids.length > 0 && ids.every((id) => id === actor.personId);
}

/** Reads the whole school's journal (internal control). */
export function canReadSchoolJournal(actor: Actor, schoolId: number): boolean {
  return actor.grants.some((g) => ['admin', 'director', 'deputy', 'school_admin'].includes(g.role) && grantCovers(g, { schoolId }));
}

export function canReadClassJournal(actor: Actor, schoolId: number, classId: number): boolean {
  return canReadSchoolJournal(actor, schoolId) || actor.grants.some((g) => g.role === 'class_teacher' && grantCovers(g, { schoolId, classId }));
}

/** May read this course's grid: its writers, the school's leaders, the class teacher. */
export function canReadJournal(actor: Actor, t: CourseTarget): boolean {
  return canWriteJournal(actor, t) || canReadClassJournal(actor, t.schoolId, t.classId);
}

/** Locks terms and acknowledges corrections: the deputy and the director. */
export function canControlJournal(actor: Actor, schoolId: number): boolean {
  return actor.grants.some((g) => ['admin', 'director', 'deputy'].includes(g.role) && grantCovers(g, { schoolId }));
}

export function assertJournal(allowed: boolean, field?: string): void {
  if (!allowed) throw new AppError('not_found', { field });
}

/** May see a lesson and its homework files: journal readers, and the lesson's pupils and their guardians. */
export function canSeeLesson(actor: Actor, t: CourseTarget, pupilIds: number[]): boolean {
  if (canReadJournal(actor, t)) return true;
  if (actor.grants.some((g) => g.role === 'student') && pupilIds.includes(actor.personId)) return true;
  return actor.childIds.some((id) => pupilIds.includes(id));
}
