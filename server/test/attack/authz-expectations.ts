/**
 * What the policy says each role should get from a route: the route's
 * x-permission looked up in the permissions table, against every role the
 * actor holds. Finer scopes than the table's (a teacher reads only the
 * courses they teach) are listed below with the reason, so that a 404 there
 * is expected and anywhere else is a failure.
 */
import { rolesFor, type Permission } from '../../policy/permissions.js';
import type { MatrixActor } from './authz-fixture.js';
import type { Operation } from './authz-requests.js';

export interface Expectation {
  text: string;
  accepts(status: number, body: string): boolean;
}

export function holds(op: Operation, actor: MatrixActor): boolean {
  const allowed = rolesFor(op.permission as Permission);
  if (allowed === 'public') return true;
  if (actor.role === 'anonymous') return false;
  if (allowed === 'authenticated') return true;
  return actor.roles.some((r) => allowed.includes(r));
}

const refused = (actor: MatrixActor): Expectation =>
  actor.role === 'anonymous'
    ? { text: '401', accepts: (s) => s === 401 }
    : { text: '403', accepts: (s) => s === 403 };

/**
 * In scope, a 404 is a refusal unless the route asks about something the
 * fixture cannot hold for that role. Each entry says why.
 */
const IN_SCOPE_404: Array<{ route: string; roles: string[] | '*'; why: string }> = [
  { route: 'GET /api/journal/files/{id}', roles: ['region_coordinator', 'municipal_officer'], why: 'any signed-in person may ask; a homework file is for the lesson’s readers, and officials read no lessons' },
  { route: 'GET /api/admin/backups/{name}/download', roles: ['admin'], why: 'the fixture makes no backup file (a backup takes seconds)' },
  { route: 'GET /api/reports/subjects/{id}/results', roles: ['teacher', 'class_teacher'], why: 'a subject across every class of the school is for the school’s leaders' },
  { route: 'GET /api/reports/schools/{id}/archive-jobs', roles: ['teacher', 'class_teacher'], why: 'the whole school’s archive is for the leaders; a class teacher archives their class' },
  { route: 'POST /api/reports/classes/{id}/archive', roles: ['teacher'], why: 'the fixture’s teacher leads another class; a class teacher archives the class they lead' },
  { route: 'POST /api/journal/lessons/{id}/files', roles: ['admin'], why: 'the journal is written by the course’s teachers; the admin teaches no course' },
  { route: 'DELETE /api/journal/files/{id}', roles: ['admin'], why: 'the journal is written by the course’s teachers; the admin teaches no course' },
];

/** Exceptions that some answer needed; one that none needs any more is stale and fails the matrix. */
const used = new Set<string>();

export function staleExceptions(): string[] {
  const inScope = IN_SCOPE_404.flatMap((e) => (e.roles === '*' ? [e.route] : e.roles.map((r) => `${e.route} as ${r}`)));
  const peer = PEER_VISIBLE.map((e) => `${e.route} (peer)`);
  return [...inScope, ...peer].filter((key) => !used.has(key));
}

export function expectedInScope(op: Operation, actor: MatrixActor): Expectation {
  if (!holds(op, actor)) return refused(actor);
  const route = `${op.method} ${op.path}`;
  const entry = IN_SCOPE_404.find((e) => e.route === route && (e.roles === '*' || e.roles.includes(actor.role)));
  const usage = entry?.roles === '*' ? route : `${route} as ${actor.role}`;
  return {
    text: entry ? 'let through (404 allowed here)' : 'let through (not 401/403/404)',
    accepts: (s) => {
      if (entry && s === 404) used.add(usage);
      return s !== 401 && s !== 403 && (!!entry || s !== 404);
    },
  };
}

export function expectedOutOfScope(op: Operation, actor: MatrixActor): Expectation {
  if (!holds(op, actor)) return refused(actor);
  const allowed = rolesFor(op.permission as Permission);
  // A public route answers anyone about anything; it is checked for 5xx and names only.
  if (allowed === 'public') return { text: 'not 401/403', accepts: (s) => s !== 401 && s !== 403 };
  // A list filtered by an optional query parameter may answer an empty list instead: it shows nothing either.
  if (filterOnly(op)) return { text: '404 or an empty list', accepts: (s, body) => s === 404 || (s === 200 && body === '[]') };
  return { text: '404', accepts: (s) => s === 404 };
}

function filterOnly(op: Operation): boolean {
  return op.method === 'GET' && op.pathParams.length === 0 && op.query.every((q) => !q.required);
}

/** One step outside a finer scope, within the school: what the school's own people may still see. */
const PEER_VISIBLE: Array<{ route: string; why: string }> = [
  { route: 'GET /api/week', why: 'the timetable is school-wide: every teacher of the school reads every class’s week' },
  {
    route: 'GET /api/years/{id}/courses',
    why: 'a year’s courses are school-wide (timetable.read): without the class filter the same list already shows every class’s courses; the filter only narrows it',
  },
];

export function expectedPeer(op: Operation, actor: MatrixActor): Expectation {
  const route = `${op.method} ${op.path}`;
  if (holds(op, actor) && PEER_VISIBLE.some((e) => e.route === route)) {
    const inScope = expectedInScope(op, actor);
    return {
      text: `${inScope.text} (visible one step outside)`,
      accepts: (s, body) => {
        if (s < 300) used.add(`${route} (peer)`);
        return inScope.accepts(s, body);
      },
    };
  }
  return expectedOutOfScope(op, actor);
}
