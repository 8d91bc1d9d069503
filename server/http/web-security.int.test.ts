/**
 * Web security of the HTTP layer, through app.inject() on a real database:
 * headers on HTML, static and API answers; the session cookie's flags and its
 * end at sign-out; CSRF refused on every state-changing route of the OpenAPI
 * document with nothing written; the static files never leaving their folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { SESSION_ABSOLUTE_MS } from '../modules/accounts/accounts.service.js';
import { grantRole, makeAccount, makePerson, makeRegionTree, signedIn } from '../test/factories.js';
import { call, createTestEnv, type TestEnv } from '../test/harness.js';
import { logicalDump } from '../modules/backup/backup.service.js';
import { VOLATILE_TABLES } from '../test/attack/volatile.js';
import type { App } from './types.js';

let env: TestEnv;
let web: App;
let webRoot: string;
let schoolId: number;
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  env = await createTestEnv();
  schoolId = (await makeRegionTree(env.ctx)).school.id;
  // A stand-in for the built client (dist/web), so the static part is tested without a build.
  webRoot = mkdtempSync(join(env.dataDir, 'web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), INDEX);
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log("app")');
  web = await buildApp(env.ctx, { serveWeb: true, webRoot });
  await web.ready();
});
afterAll(async () => {
  await web?.close();
  await env?.close();
});

async function person(login: string) {
  const personId = await makePerson(env.ctx);
  await grantRole(env.ctx, personId, 'teacher', { schoolId });
  await makeAccount(env.ctx, personId, { login, password: 'correct-horse-42' });
}
const signIn = (app: App, login: string) => call(app, 'POST', '/api/auth/sign-in', { body: { login, password: 'correct-horse-42' } });
const setCookie = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']);
const cookieOf = (res: { headers: Record<string, unknown> }) => setCookie(res).split(';')[0]!;

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('security headers', () => {
  const pages = [
    ['an HTML page of the client', '/diary'],
    ['the client’s index', '/'],
    ['a static script', '/assets/app.js'],
    ['a JSON API answer', '/api/health'],
    ['a problem+json answer', '/api/no-such-route'],
    ['an unauthenticated API answer', '/api/auth/me'],
  ] as const;

  for (const [what, url] of pages) {
    it(`${what} (${url}) carries a strict CSP, nosniff, no framing, a referrer policy`, async () => {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode).toBeLessThan(500);
      const csp = directives(String(res.headers['content-security-policy']));
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      for (const values of csp.values()) expect(values).not.toContain("'unsafe-eval'");
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers.server).toBeUndefined();
      // Served over plain HTTP by default: no HSTS pin (see the HTTPS case below).
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });
  }

  it('the API explorer (/api/docs, its own CSP from swagger-ui) allows no inline script and no foreign framing', async () => {
    const res = await web.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(["'self'", "'none'"]).toContain(csp.get('frame-ancestors')?.[0]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the client’s pages are served as the file, the script as JavaScript', async () => {
    const html = await web.inject({ method: 'GET', url: '/journal/courses/1' });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toBe(INDEX);
    const js = await web.inject({ method: 'GET', url: '/assets/app.js' });
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('the index of the real build (when built) has no inline script for the CSP to block', () => {
    let built: string;
    try {
      built = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'web', 'index.html'), 'utf8');
    } catch {
      return; // not built in this checkout; the e2e journeys load it under the CSP
    }
    const scripts = [...built.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(built).not.toMatch(/\son[a-z]+=/i);
  });

  it('HSTS is sent when the installation is served over HTTPS', async () => {
    const https = await createTestEnv({ env: { PUBLIC_URL: 'https://journal.example.ru' } });
    try {
      const res = await https.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await https.close();
    }
  });

  it('no CORS: another origin gets no allowance, a preflight is not granted', async () => {
    const get = await web.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await web.inject({
      method: 'OPTIONS',
      url: '/api/journal/changes',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-otmetka-csrf' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });
});

describe('static files stay inside the client’s folder', () => {
  it('traversal by ../, encoded dots, absolute paths and NUL bytes never serves a file outside', async () => {
    // Files an attacker would want: the session secret and the database, beside the client's folder.
    const secret = readFileSync(join(env.dataDir, 'session-secret'), 'utf8').trim();
    const urls = [
      '/../session-secret',
      '/assets/../../session-secret',
      '/%2e%2e/session-secret',
      '/%2e%2e%2fsession-secret',
      '/assets/%2e%2e%2f%2e%2e%2fsession-secret',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/assets/..%5c..%5csession-secret',
      '/%2fetc%2fpasswd',
      '//etc/passwd',
      '/assets/app.js%00.png',
      '/assets/%00../../session-secret',
      '/assets/app.js%2500',
      `/${encodeURIComponent(join(env.dataDir, 'session-secret'))}`,
    ];
    for (const url of urls) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain(secret);
      expect(res.body, url).not.toContain('root:');
      expect(res.body, url).not.toContain('SQLite format');
      // Either refused, or the client's own index (its router shows "not found").
      if (res.statusCode === 200) expect(res.body, url).toBe(INDEX);
    }
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, lasts the absolute session lifetime, not Secure over HTTP', async () => {
    await person('flags');
    const res = await signIn(env.app, 'flags');
    expect(res.status).toBe(200);
    const parts = setCookie(res).split(';').map((p) => p.trim());
    expect(parts[0]).toMatch(/^otmetka_session=[A-Za-z0-9_-]{32,}$/);
    expect(parts).toContain('HttpOnly');
    expect(parts).toContain('SameSite=Lax');
    expect(parts).toContain('Path=/');
    expect(parts).toContain(`Max-Age=${SESSION_ABSOLUTE_MS / 1000}`);
    expect(parts).not.toContain('Secure');
    expect(parts.some((p) => p.startsWith('Domain='))).toBe(false);
    // The token is stored hashed: the cookie's value is nowhere in the database.
    const token = parts[0]!.split('=')[1]!;
    const sessions = await env.ctx.db.kysely.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(sessions)).not.toContain(token);
  });

  it('is Secure when the installation is served over HTTPS (PUBLIC_URL https or SECURE_COOKIES)', async () => {
    for (const extra of [{ PUBLIC_URL: 'https://journal.example.ru' }, { SECURE_COOKIES: 'true' }] as Array<Record<string, string>>) {
      const https = await createTestEnv({ env: extra });
      try {
        const s = (await makeRegionTree(https.ctx)).school.id;
        const personId = await makePerson(https.ctx);
        await grantRole(https.ctx, personId, 'teacher', { schoolId: s });
        await makeAccount(https.ctx, personId, { login: 'secure', password: 'correct-horse-42' });
        const parts = setCookie(await signIn(https.app, 'secure')).split(';').map((p) => p.trim());
        expect(parts).toContain('Secure');
        expect(parts).toContain('HttpOnly');
      } finally {
        await https.close();
      }
    }
  });

  it('sign-out clears the cookie and the old session id no longer works anywhere', async () => {
    await person('leaver');
    const cookie = cookieOf(await signIn(env.app, 'leaver'));
    expect((await call(env.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    const out = await call(env.app, 'POST', '/api/auth/sign-out', { cookie });
    expect(out.status).toBe(204);
    const cleared = setCookie(out).split(';').map((p) => p.trim());
    expect(cleared[0]).toBe('otmetka_session=');
    expect(cleared.some((p) => p === 'Max-Age=0' || /^Expires=Thu, 01 Jan 1970/.test(p))).toBe(true);
    expect(cleared).toContain('Path=/');
    // The browser forgets it; a copy kept by an attacker is refused.
    const me = await call(env.app, 'GET', '/api/auth/me', { cookie });
    expect(me).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    expect((await call(env.app, 'GET', '/api/auth/sessions', { cookie })).status).toBe(401);
    expect((await call(env.app, 'POST', '/api/auth/sign-out', { cookie })).status).toBe(401);
    const row = await env.ctx.db.kysely.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id').select('sessions.revoked_at').where('accounts.login', '=', 'leaver').executeTakeFirstOrThrow();
    expect(row.revoked_at).toBe(env.clock.now().toISOString());
  });

  it('a forged or unknown token is refused', async () => {
    for (const cookie of ['otmetka_session=forged', 'otmetka_session=', `otmetka_session=${'A'.repeat(43)}`, 'otmetka_session=%00', `otmetka_session=${'x'.repeat(5000)}`]) {
      expect((await call(env.app, 'GET', '/api/auth/me', { cookie })).status, cookie.slice(0, 40)).toBe(401);
    }
  });
});

describe('CSRF', () => {
  it('every state-changing route of the OpenAPI document is refused without the header, and nothing is written', async () => {
    const admin = await signedIn(env.ctx, 'admin');
    const schoolAdmin = await signedIn(env.ctx, 'school_admin', { schoolId });
    const doc = env.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => !['get', 'head', 'options'].includes(m))
        .map((method) => ({ method: method.toUpperCase() as 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: path.replace(/\{[^}]+\}/g, '1') })),
    );
    // Every module's writes are in the list (a route left out of the document would escape this test).
    expect(operations.length).toBeGreaterThan(50);
    for (const prefix of ['/api/auth/', '/api/journal/', '/api/consents/', '/api/admin/backups', '/api/schools/']) {
      expect(operations.some((o) => o.url.startsWith(prefix)), prefix).toBe(true);
    }
    expect(operations.some((o) => o.url.includes('/imports'))).toBe(true);
    const before = await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES });
    const sessionsBefore = await env.ctx.db.kysely.selectFrom('sessions').select(['id', 'revoked_at']).orderBy('id').execute();
    let tried = 0;
    for (const op of operations) {
      for (const cookie of [admin.cookie, schoolAdmin.cookie]) {
        // As a cross-site form would send it: the cookie rides along, the custom header cannot.
        for (const headers of [{}, { 'x-otmetka-csrf': '0' }, { 'x-otmetka-csrf': '' }]) {
          const res = await env.app.inject({
            method: op.method,
            url: op.url,
            headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example', ...headers },
            payload: JSON.stringify({ login: 'x', password: 'y', name: 'Взлом', version: 1, changes: [] }),
          });
          tried++;
          expect(res.statusCode, `${op.method} ${op.url}`).toBe(403);
          expect(JSON.parse(res.body), `${op.method} ${op.url}`).toMatchObject({ code: 'csrf_missing', field: '/headers/x-otmetka-csrf' });
        }
      }
      // A form post (urlencoded / multipart) is refused too, never parsed into a write.
      const form = await env.app.inject({ method: op.method, url: op.url, headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
      expect(form.statusCode, `${op.method} ${op.url} (form)`).toBeGreaterThanOrEqual(400);
      expect(form.statusCode, `${op.method} ${op.url} (form)`).toBeLessThan(500);
      tried++;
    }
    expect(await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES })).toEqual(before);
    // Not even a sign-out slipped through: every session is as it was.
    expect(await env.ctx.db.kysely.selectFrom('sessions').select(['id', 'revoked_at']).orderBy('id').execute()).toEqual(sessionsBefore);
    console.log(`csrf: ${operations.length} state-changing routes, ${tried} requests refused`);
  }, 60_000);

  it('the OpenAPI document lists every state-changing route the server has (none escapes the walk above)', () => {
    // The router's own tree: each line is a path segment under its parent, with its methods.
    const stack: string[] = [];
    const writes = new Set<string>();
    for (const line of env.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const at = line.search(/[├└]── /);
      if (at < 0) continue;
      const depth = at / 4;
      const [, segment, methods] = /^(.*) \(([^)]*)\)$/.exec(line.slice(at + 4)) ?? [];
      if (segment === undefined) continue;
      stack[depth] = (depth > 0 ? stack[depth - 1]! : '') + segment;
      stack.length = depth + 1;
      // Parameters by position only: the router prints ":id|:schoolId" where two routes name one differently.
      const shape = stack[depth]!.replace(/:[^/]+/g, ':p');
      for (const method of methods!.split(', ')) if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) writes.add(`${method} ${shape}`);
    }
    const doc = env.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':p')}`)),
    );
    expect(writes.size).toBeGreaterThan(50);
    expect([...writes].filter((w) => !documented.has(w))).toEqual([]);
  });

  it('with the header the same session writes (the check is the header, not the session)', async () => {
    const admin = await signedIn(env.ctx, 'school_admin', { schoolId });
    const res = await call(env.app, 'POST', '/api/auth/sign-out', { cookie: admin.cookie });
    expect(res.status).toBe(204);
  });
});
