import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';
import { makeSchoolYear } from '../../test/structure-factories.js';
import { classWith } from './monitoring-fixture.js';

/*
 * A school's list of pupils and guardians not yet activated, a page at a time (as of 14 Oct 2026).
 *   5А: 25 pupils Ученик01…Ученик25 (name Класс5А); Ученик01 and their guardian are activated
 *       → 24 pupils + 24 guardians (all «Родителева») = 48
 *   6Б: 5 pupils with a pending account, 5 guardians without one → 10
 *   1А: grade 1, not counted
 *   total 58; order: grade, class, pupils before guardians, surname, name, id.
 */
let env: TestEnv;
let schoolId: number;
let classA: number;
let classB: number;
let admin: string;
let otherAdmin: string;
let officer: string;
const url = (query = '') => `/api/monitoring/schools/${schoolId}/not-activated${query ? `?${query}` : ''}`;

beforeAll(async () => {
  env = await createTestEnv();
  const tree = await makeRegionTree(env.ctx);
  const other = await makeRegionTree(env.ctx);
  schoolId = tree.school.id;
  const { yearId } = await makeSchoolYear(env.ctx, schoolId);
  classA = (await classWith(env.ctx, schoolId, yearId, { grade: 5, letter: 'А', students: ['active', ...Array(24).fill('none')], guardians: ['active7', ...Array(24).fill('none')] })).classId;
  classB = (await classWith(env.ctx, schoolId, yearId, { grade: 6, letter: 'Б', students: Array(5).fill('pending'), guardians: Array(5).fill('none') })).classId;
  await classWith(env.ctx, schoolId, yearId, { grade: 1, letter: 'А', students: ['none', 'none'], guardians: ['none', 'none'] });
  admin = (await signedIn(env.ctx, 'school_admin', { schoolId })).cookie;
  otherAdmin = (await signedIn(env.ctx, 'school_admin', { schoolId: other.school.id })).cookie;
  officer = (await signedIn(env.ctx, 'municipal_officer', { municipalityId: tree.municipality.id })).cookie;
});
afterAll(async () => env?.close());

describe('the not-activated list, paged on the server', () => {
  it('answers the first 50 by default, with the total', async () => {
    const res = await call(env.app, 'GET', url(), { cookie: admin });
    expect(res.status).toBe(200);
    expect([res.body.total, res.body.page, res.body.pageSize, res.body.items.length]).toEqual([58, 1, 50, 50]);
    expect(res.body.items[0]).toEqual({ personId: expect.any(Number), kind: 'student', name: 'Ученик02 Класс5А', classId: classA, className: '5А', accountStatus: 'none' });
  });

  it('page 2 continues where page 1 stopped, in class order, pupils before guardians', async () => {
    const one = await call(env.app, 'GET', url('pageSize=20&page=1'), { cookie: admin });
    const two = await call(env.app, 'GET', url('pageSize=20&page=2'), { cookie: admin });
    const three = await call(env.app, 'GET', url('pageSize=20&page=3'), { cookie: admin });
    expect([one.body.total, two.body.total, three.body.total]).toEqual([58, 58, 58]);
    expect(one.body.items.map((p: any) => p.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Ученик${String(i + 2).padStart(2, '0')} Класс5А`));
    expect(two.body.items.slice(0, 4).map((p: any) => p.name)).toEqual(['Ученик22 Класс5А', 'Ученик23 Класс5А', 'Ученик24 Класс5А', 'Ученик25 Класс5А']);
    expect(two.body.items.slice(4).every((p: any) => p.kind === 'guardian' && p.className === '5А')).toBe(true);
    expect(three.body.items).toHaveLength(18);
    expect(three.body.items.slice(0, 8).every((p: any) => p.kind === 'guardian' && p.className === '5А')).toBe(true);
    expect(three.body.items.slice(8).map((p: any) => `${p.className} ${p.kind}`)).toEqual([...Array(5).fill('6Б student'), ...Array(5).fill('6Б guardian')]);
    // No person twice across the pages, nobody missing.
    const ids = [...one.body.items, ...two.body.items, ...three.body.items].map((p: any) => `${p.kind}:${p.personId}`);
    expect(new Set(ids).size).toBe(58);
    // A page past the last one is empty and still tells the total.
    const past = await call(env.app, 'GET', url('pageSize=20&page=4'), { cookie: admin });
    expect([past.status, past.body.total, past.body.items]).toEqual([200, 58, []]);
  });

  it('filters by class, by kind and by name on the server', async () => {
    const b = await call(env.app, 'GET', url(`classId=${classB}`), { cookie: admin });
    expect([b.body.total, b.body.items.every((p: any) => p.classId === classB)]).toEqual([10, true]);
    expect(b.body.items.filter((p: any) => p.kind === 'student').every((p: any) => p.accountStatus === 'pending')).toBe(true);
    const guardians = await call(env.app, 'GET', url(`classId=${classB}&kind=guardian`), { cookie: admin });
    expect(guardians.body.total).toBe(5);
    expect(guardians.body.items.every((p: any) => p.kind === 'guardian' && p.name.startsWith('Родителева'))).toBe(true);
    const one = await call(env.app, 'GET', url(`q=${encodeURIComponent('ученик23 класс5а')}`), { cookie: admin });
    expect(one.body.items.map((p: any) => p.name)).toEqual(['Ученик23 Класс5А']);
    expect(one.body.total).toBe(1);
    const activated = await call(env.app, 'GET', url(`q=${encodeURIComponent('Ученик01 Класс5А')}`), { cookie: admin });
    expect([activated.body.total, activated.body.items]).toEqual([0, []]);
    const pupils = await call(env.app, 'GET', url(`kind=student&classId=${classA}&pageSize=10&page=3`), { cookie: admin });
    expect([pupils.body.total, pupils.body.items.map((p: any) => p.name)]).toEqual([24, ['Ученик22 Класс5А', 'Ученик23 Класс5А', 'Ученик24 Класс5А', 'Ученик25 Класс5А']]);
  });

  it('refuses bad page values and filters with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['page=0', '/querystring/page'],
      ['page=-1', '/querystring/page'],
      ['page=abc', '/querystring/page'],
      ['page=100001', '/querystring/page'],
      ['pageSize=0', '/querystring/pageSize'],
      ['pageSize=201', '/querystring/pageSize'],
      ['pageSize=1.5', '/querystring/pageSize'],
      ['kind=teacher', '/querystring/kind'],
      ['classId=0', '/querystring/classId'],
      [`q=${'я'.repeat(101)}`, '/querystring/q'],
      ['sort=name', '/querystring/sort'],
    ] as const) {
      const res = await call(env.app, 'GET', url(encodeURI(query)), { cookie: admin });
      expect([query, res.status, res.body.field]).toEqual([query, 400, field]);
    }
  });

  it('keeps its scope rules: another school’s admin gets 404, municipal staff never see names', async () => {
    expect((await call(env.app, 'GET', url('page=2'), { cookie: otherAdmin })).status).toBe(404);
    expect((await call(env.app, 'GET', url('page=2'), { cookie: officer })).status).toBe(403);
    // A class of another school as a filter finds nobody here (it is not this school's class).
    const foreign = await call(env.app, 'GET', url(`classId=${classA + 1000}`), { cookie: admin });
    expect([foreign.status, foreign.body.total]).toEqual([200, 0]);
  });
});
