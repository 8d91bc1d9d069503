/** Test data for the journal's integration tests: a school, a course with pupils and lessons, signed-in staff. */
import type { AppContext } from '../../context.js';
import { grantRole, makeAccount, makeRegionTree, sessionCookie, signedIn } from '../../test/factories.js';
import { makeCourseFixture, makeLessons } from '../../test/structure-factories.js';

export async function journalFixture(ctx: AppContext, options: { students?: number; dates?: string[]; grade?: number } = {}) {
  const tree = await makeRegionTree(ctx);
  const schoolId = tree.school.id;
  const course = await makeCourseFixture(ctx, schoolId, { students: options.students ?? 4, grade: options.grade });
  await grantRole(ctx, course.teacherPersonId, 'teacher', { schoolId });
  const { accountId } = await makeAccount(ctx, course.teacherPersonId, { password: null });
  const teacher = { personId: course.teacherPersonId, cookie: await sessionCookie(ctx, accountId) };
  const dates = options.dates ?? ['2026-09-07', '2026-09-14', '2026-09-21', '2026-10-05', '2026-10-14'];
  const lessonIds = await makeLessons(ctx, { schoolId, courseId: course.courseId, termId: course.termIds[0]!, teacherPersonId: course.teacherPersonId, dates });
  const deputy = await signedIn(ctx, 'deputy', { schoolId });
  return { ...tree, schoolId, ...course, teacher, deputy, lessonIds, termId: course.termIds[0]! };
}
