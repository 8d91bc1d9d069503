import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { grantRole, makeAccount, makeRegionTree, sessionCookie, signedIn, recordConsent } from '../../test/factories.js';
import { addDays, isoWeekday } from '../../../shared/dates.js';
import { makePupil, makeStaff, schoolWithYear } from './setup-fixtures.js';

let env: TestEnv;
let s: Awaited<ReturnType<typeof schoolWithYear>>;
let t1: number, t2: number, t3: number;
let c1: number, c2: number, c3: number;
let math1: number, math2: number, english1: number, english2: number, reading2: number, art3: number;

const db = () => env.ctx.db.kysely;
const as = (cookie: string) => ({ cookie });

beforeAll(async () => {
  env = await createTestEnv();
  s = await schoolWithYear(env.app, env.ctx);
  const c = as(s.admin.cookie);
  [t1, t2, t3] = [await makeStaff(env.ctx, s.schoolId, 'Первова'), await makeStaff(env.ctx, s.schoolId, 'Вторых'), await makeStaff(env.ctx, s.schoolId, 'Третьякова')];
  await call(env.app, 'PUT', `/api/schools/${s.schoolId}/bells`, { ...c, body: { shift: 1, bells: [1, 2, 3, 4, 5, 6].map((n) => ({ number: n, startsAt: `${String(7 + n).padStart(2, '0')}:00`, endsAt: `${String(7 + n).padStart(2, '0')}:40` })) } });
  await call(env.app, 'PUT', `/api/schools/${s.schoolId}/bells`, { ...c, body: { shift: 2, bells: [{ number: 1, startsAt: '14:00', endsAt: '14:40' }] } });
  c1 = (await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { ...c, body: { grade: 1, letter: 'А' } })).body.id;
  c2 = (await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { ...c, body: { grade: 2, letter: 'А' } })).body.id;
  c3 = (await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { ...c, body: { grade: 3, letter: 'А', shift: 2 } })).body.id;
  const subject = async (name: string) => (await call(env.app, 'POST', `/api/schools/${s.schoolId}/subjects`, { ...c, body: { name } })).body.id;
  const [math, english, reading, art] = [await subject('Математика'), await subject('Английский язык'), await subject('Литературное чтение'), await subject('ИЗО')];
  const g1 = (await call(env.app, 'POST', `/api/classes/${c2}/groups`, { ...c, body: { name: 'Группа 1' } })).body.id;
  const g2 = (await call(env.app, 'POST', `/api/classes/${c2}/groups`, { ...c, body: { name: 'Группа 2' } })).body.id;
  const course = async (classId: number, subjectId: number, teacher: number, groupId?: number) =>
    (await call(env.app, 'POST', `/api/years/${s.yearId}/courses`, { ...c, body: { classId, subjectId, teacherPersonIds: [teacher], hoursPerWeek: 1, ...(groupId ? { groupId } : {}) } })).body.id;
  math1 = await course(c1, math, t1);
  math2 = await course(c2, math, t2);
  reading2 = await course(c2, reading, t2);
  english1 = await course(c2, english, t1, g1);
  english2 = await course(c2, english, t3, g2);
  art3 = await course(c3, art, t1);
});
afterAll(async () => env.close());

describe('weekly timetable: clashes shown and refused', () => {
  it('saves a clean week; a teacher, a room or a class twice at once is refused with the slot named; parallel groups and other shifts are fine', async () => {
    const c = as(s.admin.cookie);
    expect((await call(env.app, 'PUT', `/api/classes/${c1}/timetable`, { ...c, body: { slots: [{ weekday: 1, number: 1, courseId: math1, room: '101' }] } })).status).toBe(200);

    const teacher = await call(env.app, 'PUT', `/api/classes/${c2}/timetable`, { ...c, body: { slots: [{ weekday: 1, number: 2, courseId: math2 }, { weekday: 1, number: 1, courseId: english1 }] } });
    expect(teacher.body).toMatchObject({ status: 409, code: 'timetable_clash', field: '/body/slots/1' });
    expect(teacher.body.clashes[0]).toMatchObject({ kind: 'teacher', weekday: 1, number: 1, who: 'Первова Анна Ивановна', with: { className: '1А', subject: 'Математика' } });

    const room = await call(env.app, 'POST', `/api/classes/${c2}/timetable/check`, { ...c, body: { slots: [{ weekday: 1, number: 1, courseId: math2, room: '101' }] } });
    expect(room.status).toBe(200);
    expect(room.body.clashes).toEqual([expect.objectContaining({ kind: 'room', slotIndex: 0, who: '101' })]);

    const twice = await call(env.app, 'PUT', `/api/classes/${c2}/timetable`, { ...c, body: { slots: [{ weekday: 2, number: 1, courseId: math2 }, { weekday: 2, number: 1, courseId: english2 }] } });
    expect(twice.body).toMatchObject({ code: 'timetable_clash', field: '/body/slots/1' });
    expect(twice.body.clashes.map((x: { kind: string }) => x.kind)).toEqual(['class']);

    const foreign = await call(env.app, 'PUT', `/api/classes/${c2}/timetable`, { ...c, body: { slots: [{ weekday: 2, number: 1, courseId: math1 }] } });
    expect(foreign.body).toMatchObject({ status: 422, code: 'reference_invalid', field: '/body/slots/0/courseId' });
    expect(await db().selectFrom('timetable_slots').select('id').where('course_id', 'in', [math2, english1, english2]).execute()).toHaveLength(0);

    const ok = await call(env.app, 'PUT', `/api/classes/${c2}/timetable`, {
      ...c,
      body: { slots: [{ weekday: 1, number: 1, courseId: math2, room: '102' }, { weekday: 1, number: 2, courseId: english1 }, { weekday: 1, number: 2, courseId: english2 }, { weekday: 3, number: 1, courseId: reading2 }] },
    });
    expect(ok.status).toBe(200);
    // Shift 2's first lesson is at 14:00: the same number as 1А's maths is no clash for the teacher.
    expect((await call(env.app, 'PUT', `/api/classes/${c3}/timetable`, { ...c, body: { slots: [{ weekday: 1, number: 1, courseId: art3 }] } })).status).toBe(200);

    const editor = await call(env.app, 'GET', `/api/classes/${c2}/timetable`, { ...c });
    expect(editor.body.slots).toHaveLength(4);
    expect(editor.body.clashes).toEqual([]);
    expect(editor.body.bells).toHaveLength(6);
  });
});

/** Mondays of the standard calendar's quarters on which grade `grade` has no holiday, counted independently of the generator. */
function expectedMondays(grade: number, from = '2026-09-01'): string[] {
  const quarters = s.calendar.terms.filter((t) => t.gradeFrom === 1);
  const days: string[] = [];
  for (let d = from; d <= '2027-05-31'; d = addDays(d, 1)) {
    if (isoWeekday(d) !== 1 || !quarters.some((q) => q.startsOn <= d && d <= q.endsOn)) continue;
    if (s.calendar.holidays.some((h) => h.gradeFrom <= grade && grade <= h.gradeTo && h.startsOn <= d && d <= h.endsOn)) continue;
    days.push(d);
  }
  return days;
}

const datesOf = async (courseId: number, status: 'scheduled' | 'cancelled' = 'scheduled') =>
  (await db().selectFrom('lessons').select('date').where('course_id', '=', courseId).where('status', '=', status).orderBy('date').execute()).map((l) => l.date);

describe('lessons from the timetable', () => {
  it('generates a lesson for every school day of the terms, skipping holidays of the grade (grade 1’s February week)', async () => {
    const res = await call(env.app, 'POST', `/api/years/${s.yearId}/lessons/generate`, { cookie: s.admin.cookie, body: { fromDate: '2026-09-01' } });
    expect(res.status).toBe(200);
    expect(await datesOf(math1)).toEqual(expectedMondays(1));
    expect(await datesOf(math2)).toEqual(expectedMondays(2));
    expect((await datesOf(math2)).length - (await datesOf(math1)).length).toBe(1);
    expect(await datesOf(math2)).toContain('2027-02-22');
    expect(await datesOf(math1)).not.toContain('2027-02-22');
    const lesson = await db().selectFrom('lessons').selectAll().where('course_id', '=', math1).where('date', '=', '2026-09-07').executeTakeFirstOrThrow();
    expect(lesson).toMatchObject({ number: 1, room: '101', teacher_person_id: t1, origin: 'timetable', topic: '', version: 1 });
    // Generating again makes no duplicates.
    await call(env.app, 'POST', `/api/years/${s.yearId}/lessons/generate`, { cookie: s.admin.cookie, body: { fromDate: '2026-09-01' } });
    expect(await datesOf(math1)).toEqual(expectedMondays(1));
  });

  it('changing the timetable regenerates future lessons only and keeps those with a topic or homework, reporting them', async () => {
    const withTopic = await db().selectFrom('lessons').select('id').where('course_id', '=', math1).where('date', '=', '2026-11-09').executeTakeFirstOrThrow();
    const withHomework = await db().selectFrom('lessons').select('id').where('course_id', '=', math1).where('date', '=', '2026-11-16').executeTakeFirstOrThrow();
    await db().updateTable('lessons').set({ topic: 'Сложение в пределах 10' }).where('id', '=', withTopic.id).execute();
    await db().updateTable('lessons').set({ homework: 'с. 12, № 3' }).where('id', '=', withHomework.id).execute();

    const res = await call(env.app, 'PUT', `/api/classes/${c1}/timetable`, { cookie: s.admin.cookie, body: { slots: [{ weekday: 2, number: 2, courseId: math1, room: '101' }] } });
    expect(res.status).toBe(200);
    const report = res.body.report;
    expect(report.fromDate).toBe('2026-10-15');
    expect(report.kept).toEqual([
      expect.objectContaining({ lessonId: withTopic.id, date: '2026-11-09', reasons: ['topic'], outsideTimetable: true, className: '1А', subject: 'Математика' }),
      expect.objectContaining({ lessonId: withHomework.id, date: '2026-11-16', reasons: ['homework'], outsideTimetable: true }),
    ]);
    const mondays = (await datesOf(math1)).filter((d) => isoWeekday(d) === 1);
    // Past Mondays stay; future ones are gone except the two holding data.
    expect(mondays).toEqual([...expectedMondays(1).filter((d) => d < '2026-10-15'), '2026-11-09', '2026-11-16']);
    expect(report.removed).toBe(expectedMondays(1, '2026-10-15').length - 2);
    const tuesdays = (await datesOf(math1)).filter((d) => isoWeekday(d) === 2);
    expect(tuesdays[0]).toBe('2026-10-20');
    expect(report.created).toBe(tuesdays.length);
    // Other classes' lessons are untouched.
    expect(await datesOf(math2)).toEqual(expectedMondays(2));
    // The old slot is closed the day before, kept as history.
    const slots = await db().selectFrom('timetable_slots').select(['weekday', 'valid_from', 'valid_to']).where('course_id', '=', math1).orderBy('id').execute();
    expect(slots).toEqual([
      { weekday: 1, valid_from: '2026-09-01', valid_to: '2026-10-14' },
      { weekday: 2, valid_from: '2026-10-15', valid_to: null },
    ]);
  });
});

describe('single changes of a lesson', () => {
  const lessonOf = async (courseId: number, date: string) =>
    db().selectFrom('lessons').selectAll().where('course_id', '=', courseId).where('date', '=', date).where('status', '=', 'scheduled').executeTakeFirstOrThrow();

  it('moves a lesson (not into holidays, not onto another lesson of the class); a regeneration does not bring it back', async () => {
    const c = as(s.admin.cookie);
    const lesson = await lessonOf(math1, '2026-11-10');
    const holiday = await call(env.app, 'POST', `/api/lessons/${lesson.id}/move`, { ...c, body: { date: '2027-02-23', number: 1 } });
    expect(holiday.body).toMatchObject({ status: 422, code: 'not_a_school_day', field: '/body/date' });
    const busy = await call(env.app, 'POST', `/api/lessons/${lesson.id}/move`, { ...c, body: { date: '2026-11-17', number: 2 } });
    expect(busy.body).toMatchObject({ status: 409, code: 'lesson_clash', field: '/body/number' });
    const moved = await call(env.app, 'POST', `/api/lessons/${lesson.id}/move`, { ...c, body: { date: '2026-11-12', number: 4 } });
    expect(moved.body).toMatchObject({ id: lesson.id, date: '2026-11-12', number: 4, origin: 'manual', version: 2 });

    const report = (await call(env.app, 'POST', `/api/years/${s.yearId}/lessons/generate`, { ...c, body: {} })).body;
    expect(report.kept).toEqual(expect.arrayContaining([expect.objectContaining({ lessonId: lesson.id, reasons: ['manual'], outsideTimetable: true })]));
    expect(await datesOf(math1)).not.toContain('2026-11-10');
    expect(await datesOf(math1, 'cancelled')).toContain('2026-11-10');
  });

  it('cancels, restores and adds a lesson', async () => {
    const c = as(s.admin.cookie);
    const lesson = await lessonOf(math2, '2026-11-23');
    expect((await call(env.app, 'POST', `/api/lessons/${lesson.id}/cancel`, { ...c })).body).toMatchObject({ status: 'cancelled' });
    expect(await datesOf(math2)).not.toContain('2026-11-23');
    expect((await call(env.app, 'POST', `/api/lessons/${lesson.id}/restore`, { ...c })).body).toMatchObject({ status: 'scheduled' });
    const added = await call(env.app, 'POST', `/api/courses/${math2}/lessons`, { ...c, body: { date: '2026-11-25', number: 5, room: '202' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ date: '2026-11-25', number: 5, origin: 'manual', teacherPersonId: t2 });
    const sunday = await call(env.app, 'POST', `/api/courses/${math2}/lessons`, { ...c, body: { date: '2026-11-29', number: 1 } });
    expect(sunday.body).toMatchObject({ code: 'not_a_school_day' });
  });

  it('sets a substitute teacher, refusing one who teaches elsewhere at that time', async () => {
    const deputy = await signedIn(env.ctx, 'deputy', { schoolId: s.schoolId });
    const lesson = await lessonOf(math1, '2026-11-09'); // the kept Monday lesson 1; T2 teaches 2А then
    const busy = await call(env.app, 'PUT', `/api/lessons/${lesson.id}/teacher`, { cookie: deputy.cookie, body: { teacherPersonId: t2 } });
    expect(busy.body).toMatchObject({ status: 409, code: 'lesson_clash', field: '/body/teacherPersonId' });
    const ok = await call(env.app, 'PUT', `/api/lessons/${lesson.id}/teacher`, { cookie: deputy.cookie, body: { teacherPersonId: t3 } });
    expect(ok.body).toMatchObject({ teacherPersonId: t3 });
    const teacher = await signedIn(env.ctx, 'teacher', { schoolId: s.schoolId });
    expect((await call(env.app, 'PUT', `/api/lessons/${lesson.id}/teacher`, { cookie: teacher.cookie, body: { teacherPersonId: null } })).status).toBe(403);
  });
});

describe('read-only timetable for everyone in the school', () => {
  it('a teacher sees their own week, with a substitution', async () => {
    await grantRole(env.ctx, t3, 'teacher', { schoolId: s.schoolId });
    const cookie = await sessionCookie(env.ctx, (await makeAccount(env.ctx, t3, { password: null })).accountId);
    const res = await call(env.app, 'GET', `/api/week?schoolId=${s.schoolId}&weekOf=2026-11-11`, { cookie });
    expect(res.status).toBe(200);
    expect(res.body.monday).toBe('2026-11-09');
    expect(res.body.schools).toEqual([{ id: s.schoolId, name: s.school.shortName }]);
    expect(res.body.filter).toEqual({ classId: null, teacherPersonId: t3 });
    expect(res.body.lessons.map((l: { date: string; className: string; subject: string }) => `${l.date} ${l.className} ${l.subject}`)).toEqual([
      '2026-11-09 1А Математика',
      '2026-11-09 2А Английский язык',
    ]);
  });

  it('a pupil sees their class; a guardian their child’s class; a pupil of another school gets 404', async () => {
    const pupil = await makePupil(env.ctx, s.schoolId);
    await call(env.app, 'POST', `/api/classes/${c2}/members`, { cookie: s.admin.cookie, body: { studentPersonId: pupil, fromDate: '2026-09-01' } });
    await grantRole(env.ctx, pupil, 'student', {});
    const pupilCookie = await sessionCookie(env.ctx, (await makeAccount(env.ctx, pupil, { password: null })).accountId);
    const own = await call(env.app, 'GET', `/api/week?schoolId=${s.schoolId}&weekOf=2026-11-16`, { cookie: pupilCookie });
    expect(own.status).toBe(200);
    expect(own.body.filter.classId).toBe(c2);
    expect(own.body.lessons.filter((l: { subject: string }) => l.subject === 'Математика')).toHaveLength(1);

    const guardian = await signedIn(env.ctx, 'guardian', {});
    await db().insertInto('guardianships').values({ school_id: s.schoolId, guardian_person_id: guardian.personId, student_person_id: pupil, relation: 'mother', created_at: '2026-09-01T00:00:00Z' }).execute();
    // A guardian sees a child only while a consent is on record (152-ФЗ).
    await recordConsent(env.ctx, s.schoolId, pupil, guardian.personId);
    const child = await call(env.app, 'GET', `/api/week?weekOf=2026-11-16`, { cookie: guardian.cookie });
    expect(child.status).toBe(200);
    expect(child.body.filter.classId).toBe(c2);

    const other = await makeRegionTree(env.ctx);
    const stranger = await makePupil(env.ctx, other.school.id);
    await grantRole(env.ctx, stranger, 'student', {});
    const strangerCookie = await sessionCookie(env.ctx, (await makeAccount(env.ctx, stranger, { password: null })).accountId);
    expect((await call(env.app, 'GET', `/api/week?schoolId=${s.schoolId}`, { cookie: strangerCookie })).status).toBe(404);
    expect((await call(env.app, 'GET', `/api/schools/${s.schoolId}/setup`, { cookie: pupilCookie })).status).toBe(403);
  });
});
