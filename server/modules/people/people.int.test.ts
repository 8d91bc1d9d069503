import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, makeSchool, signedIn } from '../../test/factories.js';
import { makeClass, makeSchoolYear } from '../../test/structure-factories.js';

let env: TestEnv;
let t: Awaited<ReturnType<typeof makeRegionTree>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  env = await createTestEnv();
  t = await makeRegionTree(env.ctx);
  admin = await signedIn(env.ctx, 'school_admin', { schoolId: t.school.id });
});
afterAll(async () => env.close());
const db = () => env.ctx.db.kysely;

describe('the order’s chain of appointments', () => {
  it('coordinator → municipal officer → director and school admin → teacher and class teacher; each step logged', async () => {
    const coordinator = await signedIn(env.ctx, 'region_coordinator', { regionId: t.region.id });
    const officer = await call(env.app, 'POST', '/api/appointments', {
      cookie: coordinator.cookie,
      body: { surname: 'Мунина', name: 'Ольга', role: 'municipal_officer', municipalityId: t.municipality.id },
    });
    expect(officer.status).toBe(201);
    expect(officer.body.activationCode).toMatch(/^.{5}-.{5}$/);
    const officerLogin = await call(env.app, 'POST', '/api/auth/activate', { body: { code: officer.body.activationCode, login: 'munina', password: 'муниципалитет 1' } });
    const officerCookie = String(officerLogin.headers['set-cookie']).split(';')[0]!;

    const schoolAdmin = await call(env.app, 'POST', '/api/appointments', {
      cookie: officerCookie,
      body: { surname: 'Админова', name: 'Вера', role: 'school_admin', schoolId: t.school.id },
    });
    expect(schoolAdmin.status).toBe(201);
    const director = await call(env.app, 'POST', '/api/appointments', { cookie: officerCookie, body: { surname: 'Директоров', name: 'Иван', role: 'director', schoolId: t.school.id } });
    expect(director.status).toBe(201);
    // The officer may not appoint a teacher, nor the coordinator a school admin.
    const teacherByOfficer = await call(env.app, 'POST', '/api/appointments', { cookie: officerCookie, body: { surname: 'X', name: 'Y', role: 'teacher', schoolId: t.school.id } });
    expect(teacherByOfficer.body).toMatchObject({ code: 'role_not_grantable', field: '/body/role' });
    expect((await call(env.app, 'POST', '/api/appointments', { cookie: coordinator.cookie, body: { surname: 'X', name: 'Y', role: 'school_admin', schoolId: t.school.id } })).body.code).toBe('role_not_grantable');

    const saLogin = await call(env.app, 'POST', '/api/auth/activate', { body: { code: schoolAdmin.body.activationCode, login: 'adminova', password: 'школа номер 1' } });
    const saCookie = String(saLogin.headers['set-cookie']).split(';')[0]!;
    const teacher = await call(env.app, 'POST', `/api/schools/${t.school.id}/staff`, { cookie: saCookie, body: { surname: 'Учителева', name: 'Анна', position: 'учитель математики', roles: ['teacher'] } });
    expect(teacher.status).toBe(201);
    const { yearId } = await makeSchoolYear(env.ctx, t.school.id);
    const { classId } = await makeClass(env.ctx, t.school.id, yearId, { grade: 5, letter: 'Б', students: 0 });
    const classTeacher = await call(env.app, 'POST', '/api/grants', { cookie: saCookie, body: { personId: teacher.body.personId, role: 'class_teacher', classId } });
    expect(classTeacher.status).toBe(201);
    const grant = await db().selectFrom('grants').selectAll().where('id', '=', classTeacher.body.grantId).executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ role: 'class_teacher', class_id: classId, school_id: t.school.id, person_id: teacher.body.personId });
    const again = await call(env.app, 'POST', '/api/grants', { cookie: saCookie, body: { personId: teacher.body.personId, role: 'class_teacher', classId } });
    expect(again.body).toMatchObject({ code: 'already_granted' });

    // The officer lists and withdraws the school admin's grant; the row stays, withdrawn.
    const list = await call(env.app, 'GET', '/api/appointments', { cookie: officerCookie });
    expect(list.body.map((a: { role: string }) => a.role).sort()).toEqual(['director', 'school_admin', 'school_admin']); // the one from beforeAll too
    expect(list.body.map((a: { fullName: string }) => a.fullName)).toContain('Админова Вера');
    const withdrawn = await call(env.app, 'DELETE', `/api/grants/${schoolAdmin.body.grantId}`, { cookie: officerCookie });
    expect(withdrawn.status).toBe(204);
    const row = await db().selectFrom('grants').selectAll().where('id', '=', schoolAdmin.body.grantId).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBe(env.clock.now().toISOString());
    const kinds = await db().selectFrom('security_events').select('kind').where('person_id', '=', schoolAdmin.body.personId).execute();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['grant_given', 'grant_withdrawn']));
    // Without the grant the former school admin may not add people any more.
    expect((await call(env.app, 'POST', `/api/schools/${t.school.id}/staff`, { cookie: saCookie, body: { surname: 'A', name: 'B' } })).status).toBe(403);
  });

  it('granting outside one’s scope is a 404 with its own code, and nothing is written', async () => {
    const other = await makeRegionTree(env.ctx);
    const officer = await signedIn(env.ctx, 'municipal_officer', { municipalityId: t.municipality.id });
    const before = await db().selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await call(env.app, 'POST', '/api/appointments', { cookie: officer.cookie, body: { surname: 'Чужой', name: 'Директор', role: 'director', schoolId: other.school.id } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'grant_out_of_scope', field: '/body/schoolId' });
    const after = await db().selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const unknown = await call(env.app, 'POST', '/api/grants', { cookie: admin.cookie, body: { personId: 999999, role: 'teacher', schoolId: t.school.id } });
    expect(unknown.body).toMatchObject({ code: 'person_not_found', field: '/body/personId' });
  });

  it('listing appointments filtered by a place outside one’s scope is a 404 naming the filter; inside it lists', async () => {
    const other = await makeRegionTree(env.ctx);
    const officer = await signedIn(env.ctx, 'municipal_officer', { municipalityId: t.municipality.id });
    const list = (query: string) => call(env.app, 'GET', `/api/appointments?${query}`, { cookie: officer.cookie });
    expect(await list(`schoolId=${other.school.id}`)).toMatchObject({ status: 404, body: { field: '/querystring/schoolId' } });
    expect(await list(`municipalityId=${other.municipality.id}`)).toMatchObject({ status: 404, body: { field: '/querystring/municipalityId' } });
    expect(await list(`regionId=${other.region.id}`)).toMatchObject({ status: 404, body: { field: '/querystring/regionId' } });
    expect(await list('schoolId=999999')).toMatchObject({ status: 404, body: { field: '/querystring/schoolId' } });
    const own = await list(`schoolId=${t.school.id}`);
    expect(own.status).toBe(200);
    expect(own.body.length).toBeGreaterThan(0);
    expect((await list(`municipalityId=${t.municipality.id}`)).status).toBe(200);
    // A filter wider than one's scope narrows nothing and is allowed: the officer's own region.
    expect((await list(`regionId=${t.region.id}`)).status).toBe(200);
  });
});

describe('people of a school', () => {
  it('creates a student and a guardian, links a second guardian, searches, edits', async () => {
    const student = await call(env.app, 'POST', `/api/schools/${t.school.id}/students`, { cookie: admin.cookie, body: { surname: 'Ёлкин', name: 'Пётр', birthDate: '2015-03-02' } });
    expect(student.status).toBe(201);
    const mother = await call(env.app, 'POST', `/api/schools/${t.school.id}/guardians`, {
      cookie: admin.cookie,
      body: { surname: 'Ёлкина', name: 'Мария', studentId: student.body.personId, relation: 'mother', phone: '+7 914 000-00-00' },
    });
    expect(mother.status).toBe(201);
    const father = await call(env.app, 'POST', `/api/schools/${t.school.id}/staff`, { cookie: admin.cookie, body: { surname: 'Ёлкин', name: 'Сергей', roles: ['teacher'] } });
    const link = await call(env.app, 'POST', `/api/schools/${t.school.id}/guardianships`, { cookie: admin.cookie, body: { guardianId: father.body.personId, studentId: student.body.personId, relation: 'father' } });
    expect(link.status).toBe(201);

    const found = await call(env.app, 'GET', `/api/schools/${t.school.id}/people?kind=guardians&q=ёлк`, { cookie: admin.cookie });
    expect(found.body.items.map((p: { name: string }) => p.name).sort()).toEqual(['Мария', 'Сергей']);
    expect(found.body.items.find((p: { name: string }) => p.name === 'Мария')).toMatchObject({ roles: ['guardian'], account: { status: 'pending' }, note: 'Ёлкин Пётр' });
    const students = await call(env.app, 'GET', `/api/schools/${t.school.id}/people?kind=students&q=Пётр Ёлкин`, { cookie: admin.cookie });
    expect(students.body).toMatchObject({ total: 1, items: [{ id: student.body.personId, consent: false }] });

    const edited = await call(env.app, 'PATCH', `/api/people/${student.body.personId}`, { cookie: admin.cookie, body: { name: 'Петр', email: 'petr@example.org' } });
    expect(edited.body).toMatchObject({ name: 'Петр', email: 'petr@example.org' });
    expect(edited.body.guardians.map((g: { relation: string }) => g.relation).sort()).toEqual(['father', 'mother']);
    const bad = await call(env.app, 'PATCH', `/api/people/${student.body.personId}`, { cookie: admin.cookie, body: { birthDate: '2015-02-30' } });
    expect(bad.body).toMatchObject({ code: 'validation_failed', field: '/body/birthDate' });
  });

  it('a guardian needs a student of this school; unknown person and wrong school are refused', async () => {
    const other = await makeSchool(env.ctx, t.municipality.id);
    const elsewhere = await signedIn(env.ctx, 'school_admin', { schoolId: other.id });
    const student = await call(env.app, 'POST', `/api/schools/${t.school.id}/students`, { cookie: admin.cookie, body: { surname: 'Тихонов', name: 'Лев' } });
    const res = await call(env.app, 'POST', `/api/schools/${other.id}/guardians`, { cookie: elsewhere.cookie, body: { surname: 'A', name: 'B', studentId: student.body.personId, relation: 'other' } });
    expect(res.body).toMatchObject({ code: 'person_not_found', field: '/body/studentId' });
    expect((await call(env.app, 'GET', `/api/people/${student.body.personId}`, { cookie: elsewhere.cookie })).status).toBe(404);
    expect((await call(env.app, 'GET', `/api/schools/${t.school.id}/people?kind=students`, { cookie: elsewhere.cookie })).status).toBe(404);
  });

  it('a student who moves keeps the enrolment history; the receiving school sees the student and guardians', async () => {
    const other = await makeSchool(env.ctx, t.municipality.id);
    const student = await call(env.app, 'POST', `/api/schools/${t.school.id}/students`, { cookie: admin.cookie, body: { surname: 'Переездов', name: 'Илья', startedOn: '2020-09-01' } });
    await call(env.app, 'POST', `/api/schools/${t.school.id}/guardians`, { cookie: admin.cookie, body: { surname: 'Переездова', name: 'Анна', studentId: student.body.personId, relation: 'mother' } });
    const moved = await call(env.app, 'POST', `/api/people/${student.body.personId}/leave`, {
      cookie: admin.cookie,
      body: { schoolId: t.school.id, endedOn: '2026-10-10', reason: 'moved', toSchoolId: other.id },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.enrolments).toEqual([
      expect.objectContaining({ schoolId: t.school.id, startedOn: '2020-09-01', endedOn: '2026-10-10', endReason: 'moved' }),
      expect.objectContaining({ schoolId: other.id, startedOn: '2026-10-10', endedOn: null }),
    ]);
    const receiving = await signedIn(env.ctx, 'school_admin', { schoolId: other.id });
    const there = await call(env.app, 'GET', `/api/schools/${other.id}/people?kind=guardians&q=Переездова`, { cookie: receiving.cookie });
    expect(there.body.total).toBe(1);
    const here = await call(env.app, 'GET', `/api/schools/${t.school.id}/people?kind=students&q=Переездов`, { cookie: admin.cookie });
    expect(here.body.total).toBe(0);
    const notHere = await call(env.app, 'POST', `/api/people/${student.body.personId}/leave`, { cookie: admin.cookie, body: { schoolId: t.school.id, endedOn: '2026-10-11', reason: 'left' } });
    expect(notHere.body).toMatchObject({ code: 'not_enrolled' });
  });

  it('a school admin may not grant a director role (403) nor act as a teacher may not (403 at the route)', async () => {
    const staff = await call(env.app, 'POST', `/api/schools/${t.school.id}/staff`, { cookie: admin.cookie, body: { surname: 'Хочу', name: 'Директором' } });
    expect(staff.body.activationCode).toBeNull();
    const res = await call(env.app, 'POST', '/api/grants', { cookie: admin.cookie, body: { personId: staff.body.personId, role: 'director', schoolId: t.school.id } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('role_not_grantable');
    const teacher = await signedIn(env.ctx, 'teacher', { schoolId: t.school.id });
    expect((await call(env.app, 'GET', `/api/schools/${t.school.id}/people?kind=staff`, { cookie: teacher.cookie })).status).toBe(403);
  });
});
