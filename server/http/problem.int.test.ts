import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, type TestEnv } from '../test/harness.js';
import { signedIn } from '../test/factories.js';

let env: TestEnv;
let admin: string;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env.ctx, 'admin')).cookie;
});
afterAll(async () => env.close());

describe('bad input answers problem+json naming the field', () => {
  it('malformed JSON', async () => {
    const res = await call(env.app, 'POST', '/api/regions', { cookie: admin, body: undefined, headers: { 'content-type': 'application/json' } });
    const raw = await env.app.inject({
      method: 'POST',
      url: '/api/regions',
      headers: { cookie: admin, 'x-otmetka-csrf': '1', 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(raw.statusCode).toBe(400);
    expect(raw.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(raw.body)).toMatchObject({ code: 'malformed_json', status: 400, field: '/body' });
  });

  it('a wrong type names the field', async () => {
    const res = await call(env.app, 'POST', '/api/regions', { cookie: admin, body: { name: 42, code: 'A1' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', field: '/body/name' });
  });

  it('an unknown field is refused, not dropped', async () => {
    const res = await call(env.app, 'POST', '/api/regions', { cookie: admin, body: { name: 'Край', code: 'A2', colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', field: '/body/colour' });
    const rows = await env.ctx.db.kysely.selectFrom('regions').selectAll().where('code', '=', 'A2').execute();
    expect(rows).toHaveLength(0);
  });

  it('a missing field names it', async () => {
    const res = await call(env.app, 'POST', '/api/regions', { cookie: admin, body: { name: 'Край' } });
    expect(res.body).toMatchObject({ code: 'validation_failed', field: '/body/code' });
  });

  it('a non-numeric id in the path names the param', async () => {
    const res = await call(env.app, 'GET', '/api/public/schools/abc');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: '/params/id' });
  });

  it('an unknown route is a problem+json 404', async () => {
    const res = await call(env.app, 'GET', '/api/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'route_not_found' });
  });

  it('a state-changing request without the CSRF header is refused', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/regions', headers: { cookie: admin, 'content-type': 'application/json' }, payload: '{"name":"A","code":"B"}' });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'csrf_missing' });
  });

  it('an oversized body is a 413', async () => {
    const res = await call(env.app, 'POST', '/api/regions', { cookie: admin, body: { name: 'x'.repeat(2 * 1024 * 1024), code: 'A3' } });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });
});

describe('platform routes', () => {
  it('health reports the database reachable and migrations current', async () => {
    const res = await call(env.app, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { reachable: true, pendingMigrations: [] } });
  });

  it('serves the OpenAPI document, and every /api route in it declares a permission', async () => {
    const res = await call(env.app, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(res.body.paths as Record<string, Record<string, { 'x-permission'?: string }>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, permission: op['x-permission'] })),
    );
    expect(operations.length).toBeGreaterThan(5);
    expect(operations.filter((o) => !o.permission)).toEqual([]);
  });

  it('sends a strict Content-Security-Policy', async () => {
    const res = await call(env.app, 'GET', '/api/health');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves the API docs UI', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('ids in paths are decimal digits', () => {
  it('"0x10" and "1e3" are refused, not read as 16 and 1000', async () => {
    for (const bad of ['0x10', '1e3']) {
      const res = await call(env.app, 'GET', `/api/public/schools/${bad}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', field: '/params/id' });
    }
  });
});
