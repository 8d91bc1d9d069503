/**
 * The small school of the report tests, with answers computed by hand in the
 * tests. Marks, attendance, topics and term marks are written through the
 * journal's API as the teachers, at set instants (for late entries); year
 * marks are inserted directly (the journal has no year-mark write yet).
 *
 * 5А (4 pupils Ученик01–04 Класс5А): Математика (Учителева Анна Петровна),
 * Русский язык (Словесникова Вера Ивановна). 5Б (2 pupils): Математика (Учителева).
 * School days (dates with lessons): 09-07, 09-08, 09-09, 09-10, 10-05, 10-12, 10-13.
 */
import type { AppContext } from '../../context.js';
import type { TestEnv } from '../../test/harness.js';
import { call, TEST_NOW } from '../../test/harness.js';
import { grantRole, makeAccount, makePerson, makeRegionTree, sessionCookie, signedIn } from '../../test/factories.js';
import { makeClass, makeCourse, makeLessons, makeSchoolYear, makeSubject } from '../../test/structure-factories.js';

async function teacher(ctx: AppContext, schoolId: number, surname: string, name: string, patronymic: string) {
  const personId = await makePerson(ctx, { surname, name, patronymic });
  await grantRole(ctx, personId, 'teacher', { schoolId });
  const { accountId } = await makeAccount(ctx, personId, { password: null });
  return { personId, cookie: await sessionCookie(ctx, accountId) };
}

export async function reportsFixture(env: TestEnv) {
  const { ctx, app, clock } = env;
  const tree = await makeRegionTree(ctx);
  const schoolId = tree.school.id;
  const { yearId, termIds } = await makeSchoolYear(ctx, schoolId);
  const term1 = termIds[0]!;
  const math = await makeSubject(ctx, schoolId, 'Математика');
  const russian = await makeSubject(ctx, schoolId, 'Русский язык', { doubleMarks: true });
  const a = await teacher(ctx, schoolId, 'Учителева', 'Анна', 'Петровна');
  const b = await teacher(ctx, schoolId, 'Словесникова', 'Вера', 'Ивановна');
  const classA = await makeClass(ctx, schoolId, yearId, { letter: 'А', students: 4 });
  const classB = await makeClass(ctx, schoolId, yearId, { letter: 'Б', students: 2 });
  const mathA = await makeCourse(ctx, { schoolId, yearId, classId: classA.classId, subjectId: math, teacherPersonId: a.personId });
  const rusA = await makeCourse(ctx, { schoolId, yearId, classId: classA.classId, subjectId: russian, teacherPersonId: b.personId });
  const mathB = await makeCourse(ctx, { schoolId, yearId, classId: classB.classId, subjectId: math, teacherPersonId: a.personId });
  const mathDates = ['2026-09-07', '2026-09-08', '2026-09-09', '2026-10-05', '2026-10-12'];
  const rusDates = ['2026-09-07', '2026-09-10', '2026-10-13'];
  const ml = await makeLessons(ctx, { schoolId, courseId: mathA, termId: term1, teacherPersonId: a.personId, dates: mathDates, number: 1 });
  const rl = await makeLessons(ctx, { schoolId, courseId: rusA, termId: term1, teacherPersonId: b.personId, dates: rusDates, number: 2 });
  const [p1, p2, p3, p4] = classA.studentIds as [number, number, number, number];

  const write = async (cookie: string, changes: unknown[]) => {
    const res = await call(app, 'POST', '/api/journal/changes', { cookie, body: { changes } });
    if (res.status !== 200) throw new Error(`journal write refused: ${JSON.stringify(res.body)}`);
  };
  const mark = (lessonId: number, studentId: number, value: string) => ({ kind: 'mark', lessonId, studentId, value });
  const absence = (lessonId: number, studentId: number, code: string) => ({ kind: 'attendance', lessonId, studentId, version: 0, code });
  const termMark = (courseId: number, studentId: number, value: string) => ({ kind: 'termMark', courseId, termId: term1, studentId, value, version: 0 });
  const lesson = async (cookie: string, id: number, patch: Record<string, unknown>) => {
    const res = await call(app, 'PATCH', `/api/journal/lessons/${id}`, { cookie, body: { version: 1, ...patch } });
    if (res.status !== 200) throw new Error(`lesson patch refused: ${JSON.stringify(res.body)}`);
  };

  // Monday 7 Sep, 15:00 in Chita: on time.
  clock.set('2026-09-07T06:00:00.000Z');
  await write(a.cookie, [mark(ml[0]!, p1, '5'), mark(ml[0]!, p2, '4')]);
  await lesson(a.cookie, ml[0]!, { topic: 'Натуральные числа', homework: '№ 1–5' });
  // Thursday 10 Sep: P3's mark of Tuesday is 2 school days late (09-09, 09-10); P4's of Wednesday is 1 day, on time.
  clock.set('2026-09-10T06:00:00.000Z');
  await write(a.cookie, [mark(ml[1]!, p3, '3'), mark(ml[2]!, p4, '2')]);
  // Tuesday 13 Oct: P1's mark of 5 Oct is 2 school days late (10-12, 10-13); the topic of 12 Oct is on time.
  clock.set('2026-10-13T06:00:00.000Z');
  await write(a.cookie, [mark(ml[3]!, p1, '4')]);
  await lesson(a.cookie, ml[4]!, { topic: 'Дроби' });
  // Wednesday 14 Oct (TEST_NOW): attendance and term marks.
  clock.set(TEST_NOW);
  await write(a.cookie, [absence(ml[4]!, p2, 'ill'), absence(ml[0]!, p3, 'absent'), absence(ml[3]!, p1, 'late')]);
  await write(b.cookie, [absence(rl[0]!, p3, 'absent'), absence(rl[1]!, p4, 'excused')]);
  await write(a.cookie, [termMark(mathA, p1, '5'), termMark(mathA, p2, '4'), termMark(mathA, p3, '3'), termMark(mathA, p4, '2')]);
  await write(b.cookie, [termMark(rusA, p1, '5'), termMark(rusA, p2, '5'), termMark(rusA, p3, '4'), termMark(rusA, p4, 'н/а')]);
  await write(a.cookie, [termMark(mathB, classB.studentIds[0]!, '5'), termMark(mathB, classB.studentIds[1]!, '3')]);

  const years: Array<[number, number, string]> = [
    [mathA, p1, '5'], [mathA, p2, '4'], [mathA, p3, '3'], [mathA, p4, '3'],
    [rusA, p1, '5'], [rusA, p2, '5'], [rusA, p3, '4'], [rusA, p4, '2'],
  ];
  await ctx.db.kysely
    .insertInto('year_marks')
    .values(years.map(([course_id, student_person_id, value]) => ({
      school_id: schoolId, course_id, academic_year_id: yearId, student_person_id, value, entered_by: a.personId, entered_at: TEST_NOW, updated_at: TEST_NOW, version: 1,
    })))
    .execute();

  const deputy = await signedIn(ctx, 'deputy', { schoolId });
  const director = await signedIn(ctx, 'director', { schoolId });
  const classTeacher = await signedIn(ctx, 'class_teacher', { schoolId, classId: classA.classId });
  const officer = await signedIn(ctx, 'municipal_officer', { municipalityId: tree.municipality.id });
  const coordinator = await signedIn(ctx, 'region_coordinator', { regionId: tree.region.id });
  return {
    ...tree, schoolId, yearId, termIds, term1, math, russian, a, b, classA, classB, mathA, rusA, mathB, mathLessons: ml, rusLessons: rl,
    pupils: { p1, p2, p3, p4 }, deputy, director, classTeacher, officer, coordinator,
  };
}
