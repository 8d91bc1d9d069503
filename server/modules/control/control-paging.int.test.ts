import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makePerson, makeRegionTree, signedIn } from '../../test/factories.js';
import { makeClass, makeCourse, makeSchoolYear, makeSubject } from '../../test/structure-factories.js';

/*
 * The control page a page at a time: classes 5А, 7Б and 10А, eight subjects each (24 rows, no lessons yet).
 * Subject i is taught by Антонова (i = 0, 3, 6), Борисов (1, 4, 7) or Васильева (2, 5).
 */
const SUBJECTS = ['Алгебра', 'Биология', 'География', 'Геометрия', 'Информатика', 'История', 'Литература', 'Музыка'];
let env: TestEnv;
let schoolId: number;
let deputy: string;
const url = (query = '') => `/api/control/schools/${schoolId}${query ? `?${query}` : ''}`;
const labels = (body: any) => body.rows.map((r: any) => `${r.teacher.split(' ')[0]} ${r.className} ${r.subject}`);

beforeAll(async () => {
  env = await createTestEnv();
  const tree = await makeRegionTree(env.ctx);
  schoolId = tree.school.id;
  const { yearId } = await makeSchoolYear(env.ctx, schoolId);
  const teachers = [
    await makePerson(env.ctx, { surname: 'Антонова', name: 'Анна' }),
    await makePerson(env.ctx, { surname: 'Борисов', name: 'Борис' }),
    await makePerson(env.ctx, { surname: 'Васильева', name: 'Вера' }),
  ];
  const subjects = [];
  for (const name of SUBJECTS) subjects.push(await makeSubject(env.ctx, schoolId, name));
  for (const [grade, letter] of [[10, 'А'], [7, 'Б'], [5, 'А']] as const) {
    const { classId } = await makeClass(env.ctx, schoolId, yearId, { grade, letter, students: 1 });
    for (let i = 0; i < subjects.length; i++) await makeCourse(env.ctx, { schoolId, yearId, classId, subjectId: subjects[i]!, teacherPersonId: teachers[i % 3]! });
  }
  deputy = (await signedIn(env.ctx, 'deputy', { schoolId })).cookie;
});
afterAll(async () => env?.close());

describe('the control page, paged, sorted and searched on the server', () => {
  it('answers the first 50 rows by teacher with the total; page 2 continues in the same order', async () => {
    const all = await call(env.app, 'GET', url(), { cookie: deputy });
    expect(all.status).toBe(200);
    expect([all.body.total, all.body.page, all.body.pageSize, all.body.sort, all.body.desc, all.body.rows.length]).toEqual([24, 1, 50, 'teacher', false, 24]);
    const two = await call(env.app, 'GET', url('pageSize=5&page=2'), { cookie: deputy });
    expect(two.body.total).toBe(24);
    // Антонова's nine rows by class (5А, 7Б, 10А — grade order, not text order), then subject; then Борисов.
    expect(labels(two.body)).toEqual(['Антонова 7Б Литература', 'Антонова 10А Алгебра', 'Антонова 10А Геометрия', 'Антонова 10А Литература', 'Борисов 5А Биология']);
    const five = await call(env.app, 'GET', url('pageSize=5&page=5'), { cookie: deputy });
    expect(labels(five.body)).toEqual(['Васильева 7Б География', 'Васильева 7Б История', 'Васильева 10А География', 'Васильева 10А История']);
    const past = await call(env.app, 'GET', url('pageSize=5&page=6'), { cookie: deputy });
    expect([past.status, past.body.total, past.body.rows]).toEqual([200, 24, []]);
  });

  it('sorts by any column before cutting the page, either way', async () => {
    const byCourse = await call(env.app, 'GET', url('sort=course&pageSize=8&page=3'), { cookie: deputy });
    expect(labels(byCourse.body).map((l: string) => l.split(' ').slice(1).join(' '))).toEqual(SUBJECTS.map((s) => `10А ${s}`));
    const backwards = await call(env.app, 'GET', url('sort=course&desc=true&pageSize=3'), { cookie: deputy });
    expect([backwards.body.desc, labels(backwards.body)]).toEqual([true, ['Борисов 10А Музыка', 'Антонова 10А Литература', 'Васильева 10А История']]);
    // No lessons yet: every figure is equal, and the order falls back to teacher, class, subject.
    const late = await call(env.app, 'GET', url('sort=lateEntries&desc=true&pageSize=2'), { cookie: deputy });
    expect(labels(late.body)).toEqual(['Антонова 5А Алгебра', 'Антонова 5А Геометрия']);
  });

  it('searches by teacher, class and subject; every word must match', async () => {
    const boris = await call(env.app, 'GET', url(`q=${encodeURIComponent('борисов 10а')}`), { cookie: deputy });
    expect([boris.body.total, labels(boris.body)]).toEqual([3, ['Борисов 10А Биология', 'Борисов 10А Информатика', 'Борисов 10А Музыка']]);
    const one = await call(env.app, 'GET', url(`q=${encodeURIComponent('7б ИСТОР')}`), { cookie: deputy });
    expect([one.body.total, labels(one.body)]).toEqual([1, ['Васильева 7Б История']]);
    const none = await call(env.app, 'GET', url(`q=${encodeURIComponent('Антонова музыка')}`), { cookie: deputy });
    expect([none.body.total, none.body.rows]).toEqual([0, []]);
  });

  it('refuses bad values with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['page=0', '/querystring/page'],
      ['pageSize=500', '/querystring/pageSize'],
      ['sort=salary', '/querystring/sort'],
      ['desc=maybe', '/querystring/desc'],
      ['termId=0', '/querystring/termId'],
    ] as const) {
      const res = await call(env.app, 'GET', url(query), { cookie: deputy });
      expect([query, res.status, res.body.field]).toEqual([query, 400, field]);
    }
  });

  it('pages the school’s remarks, newest first, with the total; a course narrows them', async () => {
    const course = (await call(env.app, 'GET', url(`q=${encodeURIComponent('Борисов 5А Музыка')}`), { cookie: deputy })).body.rows[0].courseId;
    const other = (await call(env.app, 'GET', url(`q=${encodeURIComponent('Антонова 5А Алгебра')}`), { cookie: deputy })).body.rows[0].courseId;
    for (let i = 1; i <= 30; i++) {
      const res = await call(env.app, 'POST', '/api/control/remarks', { cookie: deputy, body: { courseId: i % 3 === 0 ? course : other, text: `Замечание ${i}` } });
      expect(res.status).toBe(201);
    }
    const remarks = (query: string) => call(env.app, 'GET', `/api/control/schools/${schoolId}/remarks?${query}`, { cookie: deputy });
    const two = await remarks('pageSize=20&page=2');
    expect([two.body.total, two.body.page, two.body.items.map((r: any) => r.text)]).toEqual([30, 2, Array.from({ length: 10 }, (_, i) => `Замечание ${10 - i}`)]);
    const narrowed = await remarks(`courseId=${course}&pageSize=4&page=2`);
    expect([narrowed.body.total, narrowed.body.items.map((r: any) => r.text)]).toEqual([10, ['Замечание 18', 'Замечание 15', 'Замечание 12', 'Замечание 9']]);
    expect((await remarks('page=0')).body.field).toBe('/querystring/page');
    // The control rows count the open remarks of all pages.
    expect((await call(env.app, 'GET', url(`q=${encodeURIComponent('Борисов 5А Музыка')}`), { cookie: deputy })).body.rows[0].openRemarks).toBe(10);
  });

  it('keeps its scope rules: a deputy of another school gets 404, a teacher 403', async () => {
    const other = await makeRegionTree(env.ctx);
    const foreign = await signedIn(env.ctx, 'deputy', { schoolId: other.school.id });
    expect((await call(env.app, 'GET', url('page=2'), { cookie: foreign.cookie })).status).toBe(404);
    const teacher = await signedIn(env.ctx, 'teacher', { schoolId });
    expect((await call(env.app, 'GET', url('page=2'), { cookie: teacher.cookie })).status).toBe(403);
    expect((await call(env.app, 'GET', `/api/control/schools/${schoolId}/remarks?page=2`, { cookie: foreign.cookie })).status).toBe(404);
  });
});
