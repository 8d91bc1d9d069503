/**
 * Fuzzing every route of the OpenAPI document: requests generated from each
 * route's schema and mutated. Refused requests must be 4xx and leave the
 * database exactly as it was; hostile but well-shaped ones must never be 5xx.
 * `npm test` runs the short form; `npm run test:attack` (ATTACK_FULL=1) the full one.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoRegion } from '../../demo/generate.js';
import { signedIn } from '../factories.js';
import { createTestEnv, type TestEnv } from '../harness.js';
import { broken, shaped, type JsonSchema } from './arbitraries.js';
import { VOLATILE_TABLES } from './volatile.js';
import { logicalDump } from '../../modules/backup/backup.service.js';

const FULL = process.env.ATTACK_FULL === '1';
const REFUSED_RUNS = FULL ? 8000 : 3000;
const SHAPED_RUNS = Number(process.env.ATTACK_SHAPED_RUNS) || (FULL ? 6000 : 2000);

interface Operation {
  method: string;
  path: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  query: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body: JsonSchema | null;
  multipart: boolean;
}

let env: TestEnv;
let operations: Operation[];
let cookies: string[];

beforeAll(async () => {
  env = await createTestEnv();
  await generateDemoRegion(env.ctx, { scale: 0.001, seed: 75, yearStart: '2026-09-01' });
  cookies = [
    (await signedIn(env.ctx, 'admin')).cookie,
    (await signedIn(env.ctx, 'region_coordinator', { regionId: 1 })).cookie,
    (await signedIn(env.ctx, 'municipal_officer', { municipalityId: 1 })).cookie,
    (await signedIn(env.ctx, 'school_admin', { schoolId: 1 })).cookie,
    (await signedIn(env.ctx, 'deputy', { schoolId: 1 })).cookie,
    (await signedIn(env.ctx, 'teacher', { schoolId: 1 })).cookie,
    '',
  ];
  const doc = env.app.swagger() as { paths: Record<string, Record<string, any>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const params = (op.parameters ?? []) as Array<{ in: string; name: string; schema: JsonSchema; required?: boolean }>;
      const content = op.requestBody?.content ?? {};
      return {
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        body: content['application/json']?.schema ?? null,
        multipart: 'multipart/form-data' in content,
      };
    }),
  );
}, 120_000);
afterAll(async () => env?.close());

const idValue = fc.oneof(fc.integer({ min: 1, max: 12 }).map(String), fc.constantFrom('1', '2', '3'));
const badIdValue = fc.constantFrom('abc', '-1', '0', '99999999999999999999', '1.5', '..%2F..%2Fetc%2Fpasswd', '%00', '1e3', '0x10', "1'%20or%201=1");

interface FuzzRequest {
  op: Operation;
  url: string;
  payload?: unknown;
  raw?: string;
  mutation: string;
}

function fillPath(op: Operation, values: string[]): string {
  let i = 0;
  return op.path.replace(/\{[^}]+\}/g, () => values[i++] ?? '1');
}

const pathValues = (op: Operation) => fc.tuple(...op.pathParams.map(() => idValue));

/** A request that breaks the route's contract in one way (so it must be refused). */
function brokenRequest(op: Operation): fc.Arbitrary<FuzzRequest> {
  const options: Array<fc.Arbitrary<FuzzRequest>> = [];
  if (op.pathParams.length > 0) {
    options.push(
      fc.tuple(pathValues(op), fc.nat({ max: op.pathParams.length - 1 }), badIdValue, op.body ? shaped(op.body) : fc.constant(undefined)).map(
        ([values, at, bad, payload]) => {
          const copy = [...values];
          copy[at] = bad;
          return { op, url: fillPath(op, copy), payload, mutation: `bad path param ${bad}` };
        },
      ),
    );
  }
  if (op.body) {
    options.push(fc.tuple(pathValues(op), broken(op.body)).map(([values, b]) => ({ op, url: fillPath(op, values), payload: b.value, mutation: b.mutation })));
    options.push(
      pathValues(op).map((values) => ({
        op,
        url: fillPath(op, values),
        raw: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
        mutation: '__proto__ pollution',
      })),
    );
  }
  if (op.multipart) {
    options.push(pathValues(op).map((values) => ({ op, url: fillPath(op, values), payload: { file: 'not a file' }, mutation: 'JSON sent to a multipart route' })));
  }
  if (op.query.some((q) => q.required)) {
    options.push(pathValues(op).map((values) => ({ op, url: fillPath(op, values), mutation: 'required query missing' })));
  }
  return fc.oneof(...options);
}

/** A request of the right shape carrying hostile values. */
function shapedRequest(op: Operation): fc.Arbitrary<FuzzRequest> {
  const query = fc.tuple(...op.query.map((q) => shaped(q.schema).map((v) => [q.name, v] as const)));
  return fc.tuple(pathValues(op), query, op.body ? shaped(op.body) : fc.constant(undefined)).map(([values, pairs, payload]) => {
    const qs = pairs
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    return { op, url: `${fillPath(op, values)}${qs ? `?${qs}` : ''}`, payload, mutation: 'shaped' };
  });
}

async function send(request: FuzzRequest, cookie: string) {
  const hasBody = !['GET', 'DELETE', 'HEAD'].includes(request.op.method);
  return env.app.inject({
    method: request.op.method as 'GET',
    url: request.url,
    headers: {
      'x-otmetka-csrf': '1',
      ...(cookie ? { cookie } : {}),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(hasBody ? { payload: request.raw ?? JSON.stringify(request.payload ?? {}) } : {}),
  });
}

describe('fuzzing every route from its schema', () => {
  it('refuses broken requests with a 4xx and changes nothing in the database', async () => {
    const before = await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES });
    const breakable = operations.filter((o) => o.body || o.pathParams.length > 0 || o.query.some((q) => q.required) || o.multipart);
    expect(breakable.length).toBeGreaterThan(3);
    const counts = new Map<string, number>();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...breakable).chain(brokenRequest), fc.constantFrom(...cookies), async (request, cookie) => {
        const label = `${request.op.method} ${request.op.path}`;
        counts.set(label, (counts.get(label) ?? 0) + 1);
        const res = await send(request, cookie);
        if (res.statusCode < 400 || res.statusCode >= 500) {
          failures.push(`${label} ${request.url} [${request.mutation}] → ${res.statusCode} ${res.body.slice(0, 200)}`);
        } else if (!String(res.headers['content-type']).includes('application/problem+json')) {
          failures.push(`${label} [${request.mutation}] → ${res.statusCode} without problem+json`);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: REFUSED_RUNS, seed: 435 },
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES })).toEqual(before);
    console.log(`fuzz (refused): ${REFUSED_RUNS} requests over ${counts.size} routes`);
  }, 600_000);

  it('never answers a hostile but well-shaped request with a 5xx', async () => {
    const counts = new Map<string, number>();
    const timings = new Map<string, number>();
    const failures: string[] = [];
    // Signing out would only turn the fixture's sessions anonymous; it is covered elsewhere.
    const ops = operations.filter((o) => o.path !== '/api/auth/sign-out');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops).chain(shapedRequest), fc.constantFrom(...cookies), async (request, cookie) => {
        const label = `${request.op.method} ${request.op.path}`;
        counts.set(label, (counts.get(label) ?? 0) + 1);
        const t0 = performance.now();
        const res = await send(request, cookie);
        timings.set(label, (timings.get(label) ?? 0) + performance.now() - t0);
        if (res.statusCode >= 500) failures.push(`${label} ${request.url} ${JSON.stringify(request.payload)?.slice(0, 200)} → ${res.statusCode}`);
      }),
      { numRuns: SHAPED_RUNS, seed: 2012 },
    );
    expect(failures.slice(0, 20)).toEqual([]);
    console.log(`fuzz (shaped): ${SHAPED_RUNS} requests over ${counts.size} routes`);
    console.log([...timings].map(([k, v]) => `${k}: ${Math.round(v)} ms / ${counts.get(k)}`).join('\n'));
  }, 600_000);
});
