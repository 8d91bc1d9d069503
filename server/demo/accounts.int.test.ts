import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../test/harness.js';
import { DEMO_PASSWORD } from './accounts.js';
import { generateDemoRegion } from './generate.js';

let env: TestEnv;
let logins: Record<string, number>;
beforeAll(async () => {
  env = await createTestEnv();
  const region = await generateDemoRegion(env.ctx, { scale: 0.001, seed: 75, yearStart: '2026-09-01' });
  logins = region.logins!;
});
afterAll(async () => env.close());

const signIn = (login: string) => call(env.app, 'POST', '/api/auth/sign-in', { body: { login, password: DEMO_PASSWORD } });

describe('demo accounts', () => {
  it('every README login signs in with the demo password and holds its role', async () => {
    const expected: Record<string, string> = {
      admin: 'admin',
      coordinator: 'region_coordinator',
      mouo: 'municipal_officer',
      director: 'director',
      'school-admin': 'school_admin',
      deputy: 'deputy',
      teacher: 'teacher',
      'class-teacher': 'teacher',
      student: 'student',
      parent: 'guardian',
      parent2: 'guardian',
    };
    for (const [login, role] of Object.entries(expected)) {
      const res = await signIn(login);
      expect(res.status, login).toBe(200);
      expect(res.body.grants.map((g: { role: string }) => g.role), login).toContain(role);
    }
  });

  it('parent2 sees two children in two schools; parent sees the student', async () => {
    const cookie = String((await signIn('parent2')).headers['set-cookie']).split(';')[0]!;
    const children = (await call(env.app, 'GET', '/api/me/children', { cookie })).body as Array<{ schoolId: number }>;
    expect(children).toHaveLength(2);
    expect(new Set(children.map((c) => c.schoolId)).size).toBe(2);
    expect((await signIn('parent')).body.childIds).toEqual([logins.student]);
  });

  it('some accounts are activated, most are pending, most pupils have consent; the student’s second guardian is pending', async () => {
    const db = env.ctx.db.kysely;
    const counts = await db.selectFrom('accounts').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute();
    const by = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    expect(by.active).toBeGreaterThan(50);
    expect(by.pending).toBeGreaterThan(by.active!);
    const students = await db.selectFrom('enrolments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const consents = await db.selectFrom('consents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(consents.n) / Number(students.n)).toBeGreaterThan(0.8);
    const guardians = await db.selectFrom('guardianships').innerJoin('accounts', 'accounts.person_id', 'guardianships.guardian_person_id').select('accounts.status').where('student_person_id', '=', logins.student!).execute();
    expect(guardians.map((g) => g.status).sort()).toEqual(['active', 'pending']);
  });

  it('the class teacher leads a class of grades 2–4, whose «Мой класс» shows marks (grade 1 gets none)', async () => {
    const res = await signIn('class-teacher');
    const classId = (res.body.grants as Array<{ role: string; classId: number | null }>).find((g) => g.role === 'class_teacher')!.classId!;
    const cls = await env.ctx.db.kysely.selectFrom('classes').select('grade').where('id', '=', classId).executeTakeFirstOrThrow();
    expect(cls.grade).toBeGreaterThanOrEqual(2);
    expect(cls.grade).toBeLessThanOrEqual(4);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const view = await call(env.app, 'GET', `/api/journal/classes/${classId}`, { cookie });
    expect(view.status).toBe(200);
    expect(view.body.averages.filter((a: unknown[]) => a[2] !== null).length).toBeGreaterThan(view.body.students.length);
  });
});
