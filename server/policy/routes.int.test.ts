import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../shared/roles.js';
import { call, createTestEnv, type TestEnv } from '../test/harness.js';
import { makePerson, makeAccount, sessionCookie } from '../test/factories.js';
import { isPermission, rolesFor } from './permissions.js';

/**
 * Walks every operation of the OpenAPI document: each declares a permission of
 * the policy table; anonymous callers are refused every non-public one (401);
 * a signed-in person without roles is refused every role-bound one (403)
 * before any input is looked at; and the roles each permission lists exist.
 */
let env: TestEnv;
let nobody: string;
let operations: Array<{ method: string; path: string; permission: string | undefined }>;
beforeAll(async () => {
  env = await createTestEnv();
  const personId = await makePerson(env.ctx);
  nobody = await sessionCookie(env.ctx, (await makeAccount(env.ctx, personId, { password: null })).accountId);
  const doc = (await call(env.app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, permission: op['x-permission'] })),
  );
});
afterAll(async () => env.close());

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, '1');

describe('every route declares its permission, and the policy enforces it', () => {
  it('covers the modules of this issue', () => {
    const paths = operations.map((o) => `${o.method} ${o.path}`);
    for (const expected of ['POST /api/auth/activate', 'GET /api/schools/{id}/people', 'POST /api/grants', 'POST /api/consents/{id}/withdraw', 'PUT /api/consents/{id}/scan']) {
      expect(paths).toContain(expected);
    }
  });

  it('each operation names a permission of the table, and each listed role exists', () => {
    for (const op of operations) {
      expect(isPermission(op.permission), `${op.method} ${op.path}`).toBe(true);
      const allowed = rolesFor(op.permission as never);
      if (Array.isArray(allowed)) for (const role of allowed) expect(roles).toContain(role);
    }
  });

  it('anonymous: 401 on every non-public operation', async () => {
    for (const op of operations.filter((o) => o.permission !== 'public')) {
      const res = await call(env.app, op.method as 'GET', concrete(op.path), op.method === 'GET' ? {} : { body: {} });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it('signed in without any role: 403 on every role-bound operation, before validation', async () => {
    for (const op of operations.filter((o) => o.permission !== 'public' && o.permission !== 'authenticated')) {
      const res = await call(env.app, op.method as 'GET', concrete(op.path), { cookie: nobody, ...(op.method === 'GET' ? {} : { body: { junk: true } }) });
      expect(res.status, `${op.method} ${op.path}`).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
  });
});
