import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { standardCalendar } from './calendar.js';
import { makePupil, makeStaff, schoolWithYear } from './setup-fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const db = () => env.ctx.db.kysely;

describe('academic year, terms and holidays', () => {
  it('creates the standard year: quarters for 1–9, halves for 10–11, the grade-1 February week inside the third quarter', async () => {
    const s = await schoolWithYear(env.app, env.ctx);
    const overview = await call(env.app, 'GET', `/api/schools/${s.schoolId}/setup`, { cookie: s.admin.cookie });
    expect(overview.status).toBe(200);
    const year = overview.body.years[0];
    expect(year.name).toBe('2026/2027');
    expect(year.terms.filter((t: { kind: string }) => t.kind === 'quarter')).toHaveLength(4);
    expect(year.terms.filter((t: { kind: string; gradeFrom: number }) => t.kind === 'half' && t.gradeFrom === 10)).toHaveLength(2);
    expect(year.holidays.find((h: { gradeTo: number }) => h.gradeTo === 1)).toMatchObject({ startsOn: '2027-02-22', endsOn: '2027-02-28', gradeFrom: 1 });
  });

  const refused = async (mutate: (c: ReturnType<typeof standardCalendar>) => void) => {
    const tree = await makeRegionTree(env.ctx);
    const admin = await signedIn(env.ctx, 'school_admin', { schoolId: tree.school.id });
    const calendar = standardCalendar('2026-09-01');
    mutate(calendar);
    const res = await call(env.app, 'POST', `/api/schools/${tree.school.id}/years`, { cookie: admin.cookie, body: calendar });
    const years = await db().selectFrom('academic_years').select('id').where('school_id', '=', tree.school.id).execute();
    expect(years).toHaveLength(0);
    return res;
  };

  it('refuses overlapping terms of one grade range, naming the later term', async () => {
    const res = await refused((c) => {
      c.terms[1]!.startsOn = '2026-10-20';
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'calendar_overlap', field: '/body/terms/1/startsOn' });
  });

  it('refuses a gap: a weekday between two terms covered by no holiday of those grades', async () => {
    // Term 2 starts a week after the autumn holidays end: 4–10 November are uncovered.
    const res = await refused((c) => {
      c.terms[1]!.startsOn = '2026-11-11';
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'calendar_gap', field: '/body/terms/1/startsOn' });
    expect(res.body.detail).toContain('2026-11-04');
  });

  it('a weekend between a term and its holidays is not a gap', async () => {
    const tree = await makeRegionTree(env.ctx);
    const admin = await signedIn(env.ctx, 'school_admin', { schoolId: tree.school.id });
    const c = standardCalendar('2026-09-01');
    c.terms[0]!.endsOn = '2026-10-23'; // Friday; holidays start on Monday 26th
    const res = await call(env.app, 'POST', `/api/schools/${tree.school.id}/years`, { cookie: admin.cookie, body: c });
    expect(res.status).toBe(201);
  });

  it('refuses holidays that only cover some grades of the gap (autumn holidays for 1–4 only)', async () => {
    const res = await refused((c) => {
      c.holidays[0]!.gradeTo = 4;
    });
    // The 10–11 halves are unaffected (holiday inside their first half); quarters of 1–9 have a gap.
    expect(res.body).toMatchObject({ code: 'calendar_gap', field: '/body/terms/1/startsOn' });
  });

  it('refuses a holiday across a term’s last day', async () => {
    const res = await refused((c) => {
      c.holidays[1]!.startsOn = '2026-12-25';
    });
    expect(res.body).toMatchObject({ code: 'calendar_overlap', field: '/body/holidays/1/startsOn' });
  });

  it('refuses a term outside the year, an end before the start, and overlapping grade ranges', async () => {
    expect((await refused((c) => void (c.terms[3]!.endsOn = '2027-06-05'))).body).toMatchObject({ code: 'calendar_outside_year', field: '/body/terms/3/endsOn' });
    expect((await refused((c) => void (c.holidays[2]!.endsOn = '2027-02-01'))).body).toMatchObject({ code: 'date_range_invalid', field: '/body/holidays/2/endsOn' });
    expect((await refused((c) => void (c.terms[4]!.gradeFrom = 9))).body).toMatchObject({ code: 'calendar_grades_invalid', field: '/body/terms/4/gradeFrom' });
    expect((await refused((c) => void (c.terms[2]!.number = 4))).status).toBe(422);
  });

  it('replaces the calendar keeping term ids; an invalid replacement changes nothing', async () => {
    const s = await schoolWithYear(env.app, env.ctx);
    const before = await db().selectFrom('terms').select(['id', 'ends_on']).where('academic_year_id', '=', s.yearId).orderBy('id').execute();
    const c = standardCalendar('2026-09-01');
    c.terms[3]!.endsOn = '2027-05-25';
    c.terms[5]!.endsOn = '2027-05-25';
    c.holidays[4]!.startsOn = '2027-05-26';
    const ok = await call(env.app, 'PUT', `/api/years/${s.yearId}/calendar`, { cookie: s.admin.cookie, body: { terms: c.terms, holidays: c.holidays } });
    expect(ok.status).toBe(200);
    const after = await db().selectFrom('terms').select(['id', 'ends_on']).where('academic_year_id', '=', s.yearId).orderBy('id').execute();
    expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
    expect(after[3]!.ends_on).toBe('2027-05-25');
    c.terms[0]!.endsOn = '2026-11-05';
    const bad = await call(env.app, 'PUT', `/api/years/${s.yearId}/calendar`, { cookie: s.admin.cookie, body: { terms: c.terms, holidays: c.holidays } });
    expect(bad.status).toBe(422);
    const still = await db().selectFrom('terms').select(['id', 'ends_on']).where('academic_year_id', '=', s.yearId).orderBy('id').execute();
    expect(still).toEqual(after);
  });
});

describe('classes, class teachers, groups and moves', () => {
  it('setting a class teacher grants class_teacher for that class; changing it revokes the old grant', async () => {
    const s = await schoolWithYear(env.app, env.ctx);
    const first = await makeStaff(env.ctx, s.schoolId, 'Первая');
    const second = await makeStaff(env.ctx, s.schoolId, 'Вторая');
    const created = await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: s.admin.cookie, body: { grade: 5, letter: 'А', classTeacherPersonId: first } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '5А', shift: 1 });
    const grants = () => db().selectFrom('grants').select(['person_id', 'school_id', 'class_id', 'revoked_at']).where('role', '=', 'class_teacher').where('class_id', '=', created.body.id).orderBy('id').execute();
    expect(await grants()).toEqual([{ person_id: first, school_id: s.schoolId, class_id: created.body.id, revoked_at: null }]);

    const changed = await call(env.app, 'PATCH', `/api/classes/${created.body.id}`, { cookie: s.admin.cookie, body: { classTeacherPersonId: second } });
    expect(changed.status).toBe(200);
    expect(changed.body.classTeacher.personId).toBe(second);
    const after = await grants();
    expect(after).toHaveLength(2);
    expect(after[0]!.revoked_at).not.toBeNull();
    expect(after[1]).toMatchObject({ person_id: second, revoked_at: null });

    const outsider = await makeStaff(env.ctx, (await makeRegionTree(env.ctx)).school.id);
    const refused = await call(env.app, 'PATCH', `/api/classes/${created.body.id}`, { cookie: s.admin.cookie, body: { classTeacherPersonId: outsider } });
    expect(refused.body).toMatchObject({ status: 422, code: 'not_school_staff', field: '/body/classTeacherPersonId' });
    expect(await grants()).toEqual(after);

    const dup = await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: s.admin.cookie, body: { grade: 5, letter: 'А' } });
    expect(dup.body).toMatchObject({ status: 409, code: 'duplicate_name', field: '/body/letter' });
  });

  it('moving a pupil closes the old class and its groups with an end date and opens the new membership', async () => {
    const s = await schoolWithYear(env.app, env.ctx);
    const a = (await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: s.admin.cookie, body: { grade: 6, letter: 'А' } })).body.id;
    const b = (await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: s.admin.cookie, body: { grade: 6, letter: 'Б' } })).body.id;
    const g1 = (await call(env.app, 'POST', `/api/classes/${a}/groups`, { cookie: s.admin.cookie, body: { name: 'Английский 1' } })).body.id;
    const g2 = (await call(env.app, 'POST', `/api/classes/${a}/groups`, { cookie: s.admin.cookie, body: { name: 'Английский 2' } })).body.id;
    const pupil = await makePupil(env.ctx, s.schoolId);
    expect((await call(env.app, 'POST', `/api/classes/${a}/members`, { cookie: s.admin.cookie, body: { studentPersonId: pupil, fromDate: '2026-09-01' } })).status).toBe(201);
    expect((await call(env.app, 'POST', `/api/groups/${g1}/members`, { cookie: s.admin.cookie, body: { studentPersonId: pupil, fromDate: '2026-09-01' } })).status).toBe(201);
    const groupMove = await call(env.app, 'POST', `/api/groups/${g2}/members`, { cookie: s.admin.cookie, body: { studentPersonId: pupil, fromDate: '2026-10-01', replacesGroupId: g1 } });
    expect(groupMove.body.groups).toEqual([
      { groupId: g1, classId: a, name: 'Английский 1', fromDate: '2026-09-01', toDate: '2026-09-30' },
      { groupId: g2, classId: a, name: 'Английский 2', fromDate: '2026-10-01', toDate: null },
    ]);

    const moved = await call(env.app, 'POST', `/api/classes/${b}/members`, { cookie: s.admin.cookie, body: { studentPersonId: pupil, fromDate: '2026-11-09' } });
    expect(moved.status).toBe(201);
    expect(moved.body.classes).toEqual([
      { classId: a, name: '6А', fromDate: '2026-09-01', toDate: '2026-11-08' },
      { classId: b, name: '6Б', fromDate: '2026-11-09', toDate: null },
    ]);
    expect(moved.body.groups[1]).toMatchObject({ groupId: g2, toDate: '2026-11-08' });

    const back = await call(env.app, 'POST', `/api/classes/${a}/members`, { cookie: s.admin.cookie, body: { studentPersonId: pupil, fromDate: '2026-11-01' } });
    expect(back.body).toMatchObject({ status: 422, code: 'membership_date_invalid', field: '/body/fromDate' });
    const stranger = await makePupil(env.ctx, (await makeRegionTree(env.ctx)).school.id);
    const foreign = await call(env.app, 'POST', `/api/classes/${a}/members`, { cookie: s.admin.cookie, body: { studentPersonId: stranger, fromDate: '2026-09-01' } });
    expect(foreign.body).toMatchObject({ status: 409, code: 'not_enrolled', field: '/body/studentPersonId' });
  });
});

describe('subjects, courses and bells', () => {
  it('keeps subject settings, checks a course’s class, group, subject and teachers', async () => {
    const s = await schoolWithYear(env.app, env.ctx);
    const russian = await call(env.app, 'POST', `/api/schools/${s.schoolId}/subjects`, { cookie: s.admin.cookie, body: { name: 'Русский язык', doubleMarks: true } });
    expect(russian.body).toMatchObject({ name: 'Русский язык', doubleMarks: true, passFail: false, noMarksGrade1: true });
    const ethics = await call(env.app, 'POST', `/api/schools/${s.schoolId}/subjects`, { cookie: s.admin.cookie, body: { name: 'ОРКСЭ', passFail: true } });
    const patched = await call(env.app, 'PATCH', `/api/subjects/${ethics.body.id}`, { cookie: s.admin.cookie, body: { noMarksGrade1: false } });
    expect(patched.body).toMatchObject({ passFail: true, noMarksGrade1: false });
    const row = await db().selectFrom('subjects').selectAll().where('id', '=', ethics.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ pass_fail: 1, no_marks_grade1: 0, double_marks: 0 });

    const teacher = await makeStaff(env.ctx, s.schoolId);
    const a = (await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: s.admin.cookie, body: { grade: 7, letter: 'А' } })).body.id;
    const b = (await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: s.admin.cookie, body: { grade: 7, letter: 'Б' } })).body.id;
    const groupOfB = (await call(env.app, 'POST', `/api/classes/${b}/groups`, { cookie: s.admin.cookie, body: { name: 'Группа 1' } })).body.id;
    const wrongGroup = await call(env.app, 'POST', `/api/years/${s.yearId}/courses`, { cookie: s.admin.cookie, body: { classId: a, groupId: groupOfB, subjectId: russian.body.id, teacherPersonIds: [teacher], hoursPerWeek: 4 } });
    expect(wrongGroup.body).toMatchObject({ status: 422, code: 'reference_invalid', field: '/body/groupId' });
    const pupil = await makePupil(env.ctx, s.schoolId);
    const notStaff = await call(env.app, 'POST', `/api/years/${s.yearId}/courses`, { cookie: s.admin.cookie, body: { classId: a, subjectId: russian.body.id, teacherPersonIds: [teacher, pupil], hoursPerWeek: 4 } });
    expect(notStaff.body).toMatchObject({ code: 'not_school_staff', field: '/body/teacherPersonIds/1' });
    const ok = await call(env.app, 'POST', `/api/years/${s.yearId}/courses`, { cookie: s.admin.cookie, body: { classId: a, subjectId: russian.body.id, teacherPersonIds: [teacher], hoursPerWeek: 4.5 } });
    expect(ok.status).toBe(201);
    const list = await call(env.app, 'GET', `/api/years/${s.yearId}/courses`, { cookie: s.admin.cookie });
    expect(list.body.items).toEqual([expect.objectContaining({ className: '7А', subject: 'Русский язык', hoursPerWeek: 4.5, teachers: [{ personId: teacher, name: 'Учитель Анна Ивановна' }] })]);
  });

  it('refuses overlapping bells and keeps the previous schedule', async () => {
    const s = await schoolWithYear(env.app, env.ctx);
    const good = { shift: 1, bells: [{ number: 1, startsAt: '08:30', endsAt: '09:10' }, { number: 2, startsAt: '09:20', endsAt: '10:00' }] };
    expect((await call(env.app, 'PUT', `/api/schools/${s.schoolId}/bells`, { cookie: s.admin.cookie, body: good })).status).toBe(200);
    const bad = { shift: 1, bells: [{ number: 1, startsAt: '08:30', endsAt: '09:10' }, { number: 2, startsAt: '09:05', endsAt: '09:45' }] };
    const res = await call(env.app, 'PUT', `/api/schools/${s.schoolId}/bells`, { cookie: s.admin.cookie, body: bad });
    expect(res.body).toMatchObject({ status: 422, code: 'bells_invalid', field: '/body/bells/1/startsAt' });
    expect((await call(env.app, 'PUT', `/api/schools/${s.schoolId}/bells`, { cookie: s.admin.cookie, body: { shift: 1, bells: [{ number: 1, startsAt: '25:00', endsAt: '09:10' }] } })).body.field).toBe('/body/bells/0/startsAt');
    const rows = await db().selectFrom('bells').select(['number', 'starts_at']).where('school_id', '=', s.schoolId).orderBy('number').execute();
    expect(rows).toEqual([{ number: 1, starts_at: '08:30' }, { number: 2, starts_at: '09:20' }]);
  });
});

describe('who may set up', () => {
  it('a teacher may not (403); another school’s admin gets 404; the director may', async () => {
    const s = await schoolWithYear(env.app, env.ctx);
    const teacher = await signedIn(env.ctx, 'teacher', { schoolId: s.schoolId });
    expect((await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: teacher.cookie, body: { grade: 1, letter: 'А' } })).status).toBe(403);
    const other = await makeRegionTree(env.ctx);
    const foreignAdmin = await signedIn(env.ctx, 'school_admin', { schoolId: other.school.id });
    const res = await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: foreignAdmin.cookie, body: { grade: 1, letter: 'А' } });
    expect(res.status).toBe(404);
    expect((await call(env.app, 'GET', `/api/schools/${s.schoolId}/setup`, { cookie: foreignAdmin.cookie })).status).toBe(404);
    const director = await signedIn(env.ctx, 'director', { schoolId: s.schoolId });
    expect((await call(env.app, 'POST', `/api/years/${s.yearId}/classes`, { cookie: director.cookie, body: { grade: 1, letter: 'А' } })).status).toBe(201);
  });
});
