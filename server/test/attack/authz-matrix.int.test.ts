/**
 * The authorization matrix (issue 11): every route of the OpenAPI document ×
 * every role of the policy (and nobody signed in) × a resource inside the
 * role's scope and one outside it, with real ids from a fixture region.
 * Expected answers come from the policy's own table (permissions.ts) and the
 * route's x-permission:
 *   - nobody signed in, on a non-public route: 401;
 *   - a role without the permission: 403, before anything is looked up;
 *   - a role with the permission, out of its scope: 404, so existence never
 *     leaks (never 2xx, never 403), and nothing in the database changes;
 *   - a role with the permission, in its scope: let through (a 2xx or a 4xx
 *     about the body, never 401/403 or a 404 of refusal);
 *   - never a 5xx.
 * Pupils, guardians, teachers and class teachers are also asked one step
 * outside their finer scope, in their own school (a classmate; a colleague's
 * course in a class they do not lead): refused like out of scope. The few
 * answers that differ for a reason are listed in authz-expectations.ts, and
 * an entry no answer needs any more fails the matrix.
 * Municipal and regional officials must never see a pupil's or guardian's
 * name: every 2xx answer they get (JSON, text, XLSX) is scanned for the
 * fixture's names. Run with AUTHZ_DEBUG=1 to print every failure and the
 * slowest routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logicalDump } from '../../modules/backup/backup.service.js';
import { isPermission } from '../../policy/permissions.js';
import { roles } from '../../../shared/roles.js';
import { createTestEnv, type TestEnv } from '../harness.js';
import { buildFixture, type Fixture, type MatrixActor, type Place } from './authz-fixture.js';
import { expectedInScope, expectedOutOfScope, expectedPeer, holds, staleExceptions, type Expectation } from './authz-expectations.js';
import { operationsOf, requestFor, type Operation } from './authz-requests.js';
import { nameLeaks, officialRoles } from './authz-names.js';
import { VOLATILE_TABLES } from './volatile.js';

let env: TestEnv;
let fixture: Fixture;
let operations: Operation[];

beforeAll(async () => {
  env = await createTestEnv();
  fixture = await buildFixture(env.ctx);
  operations = operationsOf(env.app.swagger() as never);
}, 180_000);
afterAll(async () => env?.close());

interface Outcome {
  op: Operation;
  actor: MatrixActor;
  scope: 'in' | 'out' | 'peer';
  status: number;
  body: string;
  raw: Buffer;
  contentType: string;
  ms: number;
}

async function send(op: Operation, actor: MatrixActor, place: Place, scope: Outcome['scope']): Promise<Outcome> {
  // In scope, a body the schema refuses proves the route let the caller through without changing anything;
  // out of scope, a valid body carries the request past validation to the service's scope check.
  const probe = scope === 'in' && !!op.body;
  const request = requestFor(op, place, { probe });
  if (request instanceof Error) throw request;
  // Signing out (or ending sessions) must not sign the matrix's actor out: use its spare session.
  const cookie = op.path === '/api/auth/sign-out' && scope === 'in' ? place.spareCookie : actor.cookie;
  const t0 = performance.now();
  const res = await env.app.inject({
    method: op.method as 'GET',
    url: request.url,
    headers: {
      'x-otmetka-csrf': '1',
      ...(cookie ? { cookie } : {}),
      ...(request.contentType ? { 'content-type': request.contentType } : {}),
    },
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  return { op, actor, scope, status: res.statusCode, body: res.body, raw: res.rawPayload, contentType: String(res.headers['content-type'] ?? ''), ms: performance.now() - t0 };
}

function describeOutcome(o: Outcome, expected: Expectation): string {
  return `${o.op.method} ${o.op.path} as ${o.actor.role} (${o.scope} scope): ${o.status}, expected ${expected.text} — ${o.body.slice(0, 160)}`;
}

describe('authorization matrix', () => {
  it('every route declares a permission of the table and every parameter resolves to a fixture id', () => {
    expect(operations.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const op of operations) {
      if (!isPermission(op.permission)) problems.push(`${op.method} ${op.path}: x-permission ${op.permission} is not in the table`);
      const request = requestFor(op, fixture.actors[0]!.inScope, { probe: false });
      if (request instanceof Error) problems.push(request.message);
    }
    expect(problems).toEqual([]);
    // Every role of the policy has an actor in the matrix.
    expect(new Set(fixture.actors.map((a) => a.role))).toEqual(new Set([...roles, 'anonymous']));
  });

  it('answers every role in and out of scope as the policy table says, and leaks nothing', async () => {
    const failures: string[] = [];
    const leaks: string[] = [];
    let requests = 0;
    const perScope = { in: 0, out: 0, peer: 0, through: 0, ok: 0 };
    const timings = new Map<string, number>();
    const check = (o: Outcome, expected: Expectation) => {
      requests++;
      perScope[o.scope]++;
      // In scope with the permission: how many were let through, and how many answered 2xx (not only a 4xx about the body).
      if (o.scope === 'in' && holds(o.op, o.actor)) {
        perScope.through++;
        if (o.status < 300) perScope.ok++;
      }
      const label = `${o.op.method} ${o.op.path}`;
      timings.set(label, (timings.get(label) ?? 0) + o.ms);
      if (o.status >= 500) failures.push(`5xx: ${describeOutcome(o, expected)}`);
      else if (!expected.accepts(o.status, o.body)) {
        const leak = o.status < 300;
        (leak ? leaks : failures).push(`${leak ? 'LEAK' : 'mismatch'}: ${describeOutcome(o, expected)}`);
      }
    };
    const scanNames = async (o: Outcome) => {
      if (o.status >= 300 || !officialRoles.includes(o.actor.role)) return;
      const found = await nameLeaks(o.raw, o.contentType, fixture.pupilNames);
      if (found === null) unread.add(`${o.op.method} ${o.op.path} (${o.contentType})`);
      else scanned++;
      for (const name of found ?? []) leaks.push(`LEAK of a pupil's name "${name}": ${o.op.method} ${o.op.path} as ${o.actor.role}`);
    };
    let scanned = 0;
    const unread = new Set<string>();

    const started = performance.now();
    const phase = (name: string) => {
      if (process.env.AUTHZ_DEBUG) console.log(`${name}: ${Math.round(performance.now() - started)} ms`);
    };
    // Out of scope first: nothing asked about another place may change the database.
    const before = await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES });
    phase('dump');
    // A route is asked out of scope when its request names something of the place (in the path, query or body, at any depth).
    const differs = (op: Operation, a: Place, b: Place) => JSON.stringify(requestFor(op, a, { probe: false })) !== JSON.stringify(requestFor(op, b, { probe: false }));
    for (const op of operations) {
      for (const actor of fixture.actors) {
        if (!actor.outOfScope || !differs(op, actor.inScope, actor.outOfScope)) continue;
        const o = await send(op, actor, actor.outOfScope, 'out');
        check(o, expectedOutOfScope(op, actor));
        await scanNames(o);
      }
    }
    // One step outside the finer scopes, in the same school: a classmate, a colleague's course.
    let peerRequests = 0;
    for (const op of operations) {
      for (const actor of fixture.actors) {
        if (!actor.peer || !differs(op, actor.inScope, actor.peer)) continue;
        peerRequests++;
        check(await send(op, actor, actor.peer, 'peer'), expectedPeer(op, actor));
      }
    }
    phase('out of scope and classmates');
    if (process.env.AUTHZ_DEBUG) console.log(`asked in scope only: ${operations.filter((op) => !differs(op, fixture.actors[1]!.inScope, fixture.actors[1]!.outOfScope!)).map((op) => `${op.method} ${op.path}`).join(', ')}`);
    const after = await logicalDump(env.ctx.db, { exclude: VOLATILE_TABLES });
    const changed = Object.keys(before).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]));

    phase('dump');
    // In scope: reads first, then writes (probes, or body-less actions on the actor's own spare resources).
    const ordered = [...operations.filter((o) => o.method === 'GET'), ...operations.filter((o) => o.method !== 'GET')];
    for (const op of ordered) {
      for (const actor of fixture.actors) {
        const o = await send(op, actor, actor.inScope, 'in');
        check(o, expectedInScope(op, actor));
        await scanNames(o);
      }
    }

    phase('in scope');
    const roleCount = fixture.actors.length;
    console.log(`authz matrix: ${operations.length} routes × ${roleCount} roles × 2 scopes (+ ${peerRequests} one step outside a finer scope) = ${requests} requests, ${leaks.length} leaks, ${failures.length} mismatches`);
    console.log(`authz matrix: in scope ${perScope.in} (${perScope.through} holding the permission, ${perScope.ok} of them 2xx), out of scope ${perScope.out}, one step outside ${perScope.peer}`);
    console.log(`authz matrix: ${scanned} answers to officials scanned for pupils' names${unread.size ? `; not readable: ${[...unread].join(', ')}` : ''}`);
    if (process.env.AUTHZ_DEBUG) {
      console.log([...leaks, ...failures].join('\n'));
      console.log([...timings].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${k}: ${Math.round(v)} ms`).join('\n'));
    }
    expect(leaks).toEqual([]);
    expect(failures).toEqual([]);
    expect(changed, 'tables changed by out-of-scope requests').toEqual([]);
    expect(staleExceptions(), 'exceptions of authz-expectations.ts that no answer needs any more').toEqual([]);
  }, 600_000);
});
