import type { AppContext } from '../../server/context.js';

/**
 * Courses a teacher with an active account marks 2–5 in (no pass/fail
 * subject, no grade 1), in course order: the writers of the crash-safety
 * run and the teachers of the load test.
 */
export function markingCourses(ctx: AppContext, options: { classCoursesOnly: boolean }) {
  let query = ctx.db.kysely
    .selectFrom('course_teachers as ct')
    .innerJoin('courses as c', 'c.id', 'ct.course_id')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .innerJoin('classes as k', 'k.id', 'c.class_id')
    .innerJoin('accounts as a', 'a.person_id', 'ct.teacher_person_id')
    .select(['ct.teacher_person_id as teacher', 'a.id as accountId', 'c.id as courseId', 'c.school_id as schoolId', 'c.class_id as classId', 'c.group_id as groupId'])
    .where('a.status', '=', 'active')
    .where('s.pass_fail', '=', 0)
    .where('k.grade', '>=', 2);
  if (options.classCoursesOnly) query = query.where('c.group_id', 'is', null);
  return query.orderBy('c.id').execute();
}
