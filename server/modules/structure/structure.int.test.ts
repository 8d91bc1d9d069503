import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../../test/harness.js';
import { makeRegionTree, signedIn } from '../../test/factories.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

describe('structure: the order’s chain of regions, municipalities and schools', () => {
  it('the admin creates a region, its coordinator a municipality, the officer a school', async () => {
    const admin = await signedIn(env.ctx, 'admin');
    const region = await call(env.app, 'POST', '/api/regions', { cookie: admin.cookie, body: { name: 'Забайкальский край', code: 'Z75' } });
    expect(region.status).toBe(201);
    expect(region.body).toMatchObject({ name: 'Забайкальский край', code: 'Z75', timeZone: 'Asia/Chita' });

    const coordinator = await signedIn(env.ctx, 'region_coordinator', { regionId: region.body.id });
    const municipality = await call(env.app, 'POST', `/api/regions/${region.body.id}/municipalities`, {
      cookie: coordinator.cookie,
      body: { name: 'Читинский район' },
    });
    expect(municipality.status).toBe(201);

    const officer = await signedIn(env.ctx, 'municipal_officer', { municipalityId: municipality.body.id });
    const school = await call(env.app, 'POST', `/api/municipalities/${municipality.body.id}/schools`, {
      cookie: officer.cookie,
      body: { name: 'МОУ «Атамановская СОШ»', shortName: 'Атамановская СОШ' },
    });
    expect(school.status).toBe(201);
    const row = await env.ctx.db.kysely.selectFrom('schools').selectAll().where('id', '=', school.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ region_id: region.body.id, municipality_id: municipality.body.id, short_name: 'Атамановская СОШ' });

    const directory = await call(env.app, 'GET', '/api/public/directory');
    const listed = directory.body.find((r: { id: number }) => r.id === region.body.id);
    expect(listed.municipalities[0].schools[0].name).toBe('МОУ «Атамановская СОШ»');
  });

  it('the public directory, kept as text between changes, shows a renamed school at once', async () => {
    const tree = await makeRegionTree(env.ctx);
    const schoolIn = (body: Array<{ id: number; municipalities: Array<{ schools: Array<{ id: number; name: string }> }> }>) =>
      body.find((r) => r.id === tree.region.id)!.municipalities.flatMap((m) => m.schools).find((s) => s.id === tree.school.id);
    const before = await call(env.app, 'GET', '/api/public/directory');
    expect(before.headers['content-type']).toMatch(/^application\/json/);
    expect(schoolIn(before.body)?.name).toBe(tree.school.name);
    const admin = await signedIn(env.ctx, 'school_admin', { schoolId: tree.school.id });
    const renamed = await call(env.app, 'PATCH', `/api/schools/${tree.school.id}`, { cookie: admin.cookie, body: { name: 'МОУ «Новая школа»' } });
    expect(renamed.status).toBe(200);
    const after = await call(env.app, 'GET', '/api/public/directory');
    expect(schoolIn(after.body)?.name).toBe('МОУ «Новая школа»');
  });

  it('an officer of another municipality gets 404 for a municipality out of scope, and nothing is written', async () => {
    const a = await makeRegionTree(env.ctx);
    const b = await makeRegionTree(env.ctx);
    const officer = await signedIn(env.ctx, 'municipal_officer', { municipalityId: a.municipality.id });
    const before = await env.ctx.db.kysely.selectFrom('schools').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await call(env.app, 'POST', `/api/municipalities/${b.municipality.id}/schools`, { cookie: officer.cookie, body: { name: 'Чужая школа' } });
    expect(res.status).toBe(404);
    const after = await env.ctx.db.kysely.selectFrom('schools').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a duplicate school name in one municipality is a 409 naming the field', async () => {
    const t = await makeRegionTree(env.ctx);
    const officer = await signedIn(env.ctx, 'municipal_officer', { municipalityId: t.municipality.id });
    const res = await call(env.app, 'POST', `/api/municipalities/${t.municipality.id}/schools`, { cookie: officer.cookie, body: { name: t.school.name } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'duplicate_name', field: '/body/name' });
  });

  it('the school admin changes the public access text; the public page shows it', async () => {
    const t = await makeRegionTree(env.ctx);
    const schoolAdmin = await signedIn(env.ctx, 'school_admin', { schoolId: t.school.id });
    const res = await call(env.app, 'PATCH', `/api/schools/${t.school.id}`, {
      cookie: schoolAdmin.cookie,
      body: { accessInstructions: 'Коды выдаёт классный руководитель.', settings: { lateAfterSchoolDays: 2 } },
    });
    expect(res.status).toBe(200);
    const page = await call(env.app, 'GET', `/api/public/schools/${t.school.id}`);
    expect(page.body).toMatchObject({ name: t.school.name, accessInstructions: 'Коды выдаёт классный руководитель.', municipality: { id: t.municipality.id } });
    const other = await makeRegionTree(env.ctx);
    const foreign = await call(env.app, 'PATCH', `/api/schools/${other.school.id}`, { cookie: schoolAdmin.cookie, body: { address: 'x' } });
    expect(foreign.status).toBe(404);
  });

  it('a teacher cannot create a region (403: the role never may), anonymous gets 401', async () => {
    const t = await makeRegionTree(env.ctx);
    const teacher = await signedIn(env.ctx, 'teacher', { schoolId: t.school.id });
    expect((await call(env.app, 'POST', '/api/regions', { cookie: teacher.cookie, body: { name: 'X', code: 'X' } })).status).toBe(403);
    expect((await call(env.app, 'POST', '/api/regions', { body: { name: 'X', code: 'X' } })).status).toBe(401);
  });
});
