import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makePerson, makeRegionTree, signedIn } from '../../test/factories.js';
import { makeClass, makeCourse, makeSchoolYear, makeSubject } from '../../test/structure-factories.js';

/*
 * The courses tab's list, a page at a time: classes 5А, 5Б and 10А (made in the order 10А, 5Б, 5А,
 * so the order cannot come from ids), twelve subjects each = 36 courses; the first six subjects
 * taught by Иванова, the last six by Петров. Order: grade, letter, subject, id.
 */
const SUBJECTS = ['Алгебра', 'Биология', 'География', 'Геометрия', 'Информатика', 'История', 'Литература', 'Музыка', 'Обществознание', 'Физика', 'Химия', 'Экономика'];
let env: TestEnv;
let yearId: number;
let classes: Record<string, number>;
let admin: string;
let otherAdmin: string;
const url = (query = '') => `/api/years/${yearId}/courses${query ? `?${query}` : ''}`;
const labels = (body: any) => body.items.map((c: any) => `${c.className} ${c.subject}`);

beforeAll(async () => {
  env = await createTestEnv();
  const tree = await makeRegionTree(env.ctx);
  const other = await makeRegionTree(env.ctx);
  const schoolId = tree.school.id;
  ({ yearId } = await makeSchoolYear(env.ctx, schoolId));
  classes = {};
  for (const [grade, letter] of [[10, 'А'], [5, 'Б'], [5, 'А']] as const) classes[`${grade}${letter}`] = (await makeClass(env.ctx, schoolId, yearId, { grade, letter, students: 0 })).classId;
  const ivanova = await makePerson(env.ctx, { surname: 'Иванова', name: 'Мария', patronymic: 'Петровна' });
  const petrov = await makePerson(env.ctx, { surname: 'Петров', name: 'Олег' });
  const subjects = [];
  for (const name of [...SUBJECTS].reverse()) subjects.unshift(await makeSubject(env.ctx, schoolId, name));
  for (const classId of Object.values(classes)) {
    for (let i = 0; i < subjects.length; i++) await makeCourse(env.ctx, { schoolId, yearId, classId, subjectId: subjects[i]!, teacherPersonId: i < 6 ? ivanova : petrov });
  }
  admin = (await signedIn(env.ctx, 'school_admin', { schoolId })).cookie;
  otherAdmin = (await signedIn(env.ctx, 'school_admin', { schoolId: other.school.id })).cookie;
});
afterAll(async () => env?.close());

describe('the courses of a year, paged on the server', () => {
  it('answers 50 a page by default with the total, each course with its teachers', async () => {
    const res = await call(env.app, 'GET', url(), { cookie: admin });
    expect(res.status).toBe(200);
    expect([res.body.total, res.body.page, res.body.pageSize, res.body.items.length]).toEqual([36, 1, 50, 36]);
    expect(res.body.items[0]).toEqual({
      id: expect.any(Number),
      classId: classes['5А'],
      className: '5А',
      groupId: null,
      groupName: null,
      subjectId: expect.any(Number),
      subject: 'Алгебра',
      hoursPerWeek: 4,
      teachers: [{ personId: expect.any(Number), name: 'Иванова Мария Петровна' }],
    });
  });

  it('page 2 holds the next rows in class order (5А, 5Б, then 10А), then subject', async () => {
    const two = await call(env.app, 'GET', url('pageSize=10&page=2'), { cookie: admin });
    expect(two.body.total).toBe(36);
    expect(labels(two.body)).toEqual([...SUBJECTS.slice(10).map((s) => `5А ${s}`), ...SUBJECTS.slice(0, 8).map((s) => `5Б ${s}`)]);
    const four = await call(env.app, 'GET', url('pageSize=10&page=4'), { cookie: admin });
    expect(labels(four.body)).toEqual(SUBJECTS.slice(6).map((s) => `10А ${s}`));
    expect(four.body.items.every((c: any) => c.teachers[0].name === 'Петров Олег')).toBe(true);
    const all = [];
    for (let page = 1; page <= 4; page++) all.push(...(await call(env.app, 'GET', url(`pageSize=10&page=${page}`), { cookie: admin })).body.items.map((c: any) => c.id));
    expect(new Set(all).size).toBe(36);
    const past = await call(env.app, 'GET', url('pageSize=10&page=5'), { cookie: admin });
    expect([past.status, past.body.total, past.body.items]).toEqual([200, 36, []]);
  });

  it('filters by class and searches by subject or teacher on the server', async () => {
    const b = await call(env.app, 'GET', url(`classId=${classes['5Б']}`), { cookie: admin });
    expect([b.body.total, labels(b.body)]).toEqual([12, SUBJECTS.map((s) => `5Б ${s}`)]);
    const physics = await call(env.app, 'GET', url(`q=${encodeURIComponent('физика')}`), { cookie: admin });
    expect([physics.body.total, labels(physics.body)]).toEqual([3, ['5А Физика', '5Б Физика', '10А Физика']]);
    const petrov = await call(env.app, 'GET', url(`q=${encodeURIComponent('ОЛЕГ')}&pageSize=5&page=2`), { cookie: admin });
    expect([petrov.body.total, labels(petrov.body)]).toEqual([18, ['5А Экономика', ...SUBJECTS.slice(6, 10).map((s) => `5Б ${s}`)]]);
    // «петров» also matches Иванова Мария Петровна: every course of the year.
    expect((await call(env.app, 'GET', url(`q=${encodeURIComponent('петров')}`), { cookie: admin })).body.total).toBe(36);
    // Every word must match: Петров teaches no Алгебра; Иванова (patronymic Петровна) does.
    const both = await call(env.app, 'GET', url(`q=${encodeURIComponent('петров алгебра')}&classId=${classes['10А']}`), { cookie: admin });
    expect([both.body.total, labels(both.body)]).toEqual([1, ['10А Алгебра']]);
    const none = await call(env.app, 'GET', url(`q=${encodeURIComponent('олег алгебра')}`), { cookie: admin });
    expect([none.body.total, none.body.items]).toEqual([0, []]);
  });

  it('refuses bad page values with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['page=0', '/querystring/page'],
      ['page=x', '/querystring/page'],
      ['pageSize=201', '/querystring/pageSize'],
      ['pageSize=-5', '/querystring/pageSize'],
      ['classId=abc', '/querystring/classId'],
      ['limit=10', '/querystring/limit'],
    ] as const) {
      const res = await call(env.app, 'GET', url(query), { cookie: admin });
      expect([query, res.status, res.body.field]).toEqual([query, 400, field]);
    }
  });

  it('keeps its scope rules: another school’s admin gets 404, on any page', async () => {
    expect((await call(env.app, 'GET', url('page=2'), { cookie: otherAdmin })).status).toBe(404);
    expect((await call(env.app, 'GET', `/api/years/999999/courses?page=1`, { cookie: admin })).status).toBe(404);
  });
});
