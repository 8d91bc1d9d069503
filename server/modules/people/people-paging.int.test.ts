import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { makeClass, makeSchoolYear } from '../../test/structure-factories.js';

/* The school's people list, a page at a time: 60 pupils, Ученик01…Ученик30 in 5А and in 6А (order: surname, name, id). */
let env: TestEnv;
let schoolId: number;
let admin: string;
let otherAdmin: string;
const url = (query: string) => `/api/schools/${schoolId}/people?kind=students${query ? `&${query}` : ''}`;
const names = (body: any) => body.items.map((p: any) => `${p.surname} ${p.name}`);

beforeAll(async () => {
  env = await createTestEnv();
  const tree = await makeRegionTree(env.ctx);
  const other = await makeRegionTree(env.ctx);
  schoolId = tree.school.id;
  const { yearId } = await makeSchoolYear(env.ctx, schoolId);
  await makeClass(env.ctx, schoolId, yearId, { grade: 6, letter: 'А', students: 30 });
  await makeClass(env.ctx, schoolId, yearId, { grade: 5, letter: 'А', students: 30 });
  admin = (await signedIn(env.ctx, 'school_admin', { schoolId })).cookie;
  otherAdmin = (await signedIn(env.ctx, 'school_admin', { schoolId: other.school.id })).cookie;
});
afterAll(async () => env?.close());

describe('the people list, paged with page/pageSize', () => {
  it('page 2 holds the next rows by surname, and the total counts them all', async () => {
    const two = await call(env.app, 'GET', url('page=2&pageSize=25'), { cookie: admin });
    expect(two.status).toBe(200);
    expect([two.body.total, two.body.page, two.body.pageSize]).toEqual([60, 2, 25]);
    // Pupils come in pairs (5А, 6А) per surname: page 1 ends with the 25th, Ученик13 of 5А; page 2 starts with Ученик13 of 6А.
    expect(names(two.body).slice(0, 4)).toEqual(['Ученик13 Класс6А', 'Ученик14 Класс5А', 'Ученик14 Класс6А', 'Ученик15 Класс5А']);
    expect(names(two.body)).toHaveLength(25);
    const three = await call(env.app, 'GET', url('page=3&pageSize=25'), { cookie: admin });
    expect(names(three.body)).toHaveLength(10);
    expect(names(three.body).at(-1)).toBe('Ученик30 Класс6А');
    // The class is the pupil's note.
    expect(three.body.items.at(-1).note).toBe('6А');
  });

  it('searches on the server and pages the result', async () => {
    const res = await call(env.app, 'GET', url(`q=${encodeURIComponent('класс6а')}&page=2&pageSize=20`), { cookie: admin });
    expect([res.body.total, names(res.body)]).toEqual([30, Array.from({ length: 10 }, (_, i) => `Ученик${i + 21} Класс6А`)]);
  });

  it('keeps the older limit/offset for existing callers, and refuses mixing them or bad values with a 400 naming the field', async () => {
    const old = await call(env.app, 'GET', url('limit=2&offset=2'), { cookie: admin });
    expect([old.body.total, names(old.body)]).toEqual([60, ['Ученик02 Класс5А', 'Ученик02 Класс6А']]);
    expect(old.body.page).toBeUndefined();
    const plain = await call(env.app, 'GET', url(''), { cookie: admin });
    expect(plain.body.items).toHaveLength(60);
    for (const [query, field] of [
      ['page=0', '/querystring/page'],
      ['page=two', '/querystring/page'],
      ['pageSize=201', '/querystring/pageSize'],
      ['page=2&offset=10', '/querystring/page'],
      ['pageSize=10&limit=10', '/querystring/pageSize'],
    ] as const) {
      const res = await call(env.app, 'GET', url(query), { cookie: admin });
      expect([query, res.status, res.body.field]).toEqual([query, 400, field]);
    }
  });

  it('keeps its scope rules: another school’s admin gets 404 on any page', async () => {
    expect((await call(env.app, 'GET', url('page=2'), { cookie: otherAdmin })).status).toBe(404);
  });
});
