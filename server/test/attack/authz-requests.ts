/**
 * Turns the OpenAPI document into concrete requests for the authorization
 * matrix: every path parameter, id-like query parameter and id-like body
 * field is filled with a real id of the right kind from a place of the
 * fixture, so that the same route is asked about a resource inside the
 * actor's scope and about one outside it. A parameter whose kind is unknown
 * is an error: a new route must be taught to the matrix, never skipped.
 */
import type { JsonSchema } from './arbitraries.js';
import type { Kind, Place } from './authz-fixture.js';

export interface Operation {
  method: string;
  path: string;
  permission: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  query: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body: JsonSchema | null;
  multipart: boolean;
}

export function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const params = (op.parameters ?? []) as Array<{ in: string; name: string; schema: JsonSchema; required?: boolean }>;
      const content = op.requestBody?.content ?? {};
      return {
        method: method.toUpperCase(),
        path,
        permission: String(op['x-permission']),
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        body: content['application/json']?.schema ?? null,
        multipart: 'multipart/form-data' in content || /multipart/.test(String(op.summary ?? '')),
      };
    }),
  );
}

/** `{id}` takes its kind from the path segment before it: /schools/{id} is a school. */
const SEGMENT_KIND: Record<string, Kind> = {
  regions: 'region',
  municipalities: 'municipality',
  schools: 'school',
  people: 'pupil',
  students: 'pupil',
  children: 'pupil',
  consents: 'consent',
  grants: 'grant',
  sessions: 'session',
  years: 'year',
  classes: 'class',
  groups: 'group',
  subjects: 'subject',
  courses: 'course',
  lessons: 'lesson',
  files: 'file',
  corrections: 'correction',
  milestones: 'milestone',
  remarks: 'remark',
  archives: 'archive',
};

/** Routes whose `{id}` needs a particular resource of its kind. */
const PATH_KIND: Record<string, Kind> = {
  // Codes are reissued to the people the actor appoints (the order's chain), not to any pupil.
  '/api/people/{id}/activation-code': 'appointee',
  // A class without lessons: the year-end archive of a full class takes seconds to render.
  '/api/reports/classes/{id}/archive': 'emptyClass',
};

/** Named parameters and fields, in paths, query strings and bodies. */
const NAME_KIND: Record<string, Kind> = {
  schoolId: 'school',
  regionId: 'region',
  municipalityId: 'municipality',
  studentId: 'pupil',
  studentPersonId: 'pupil',
  personId: 'pupil',
  guardianId: 'guardian',
  teacherId: 'teacher',
  teacherPersonId: 'teacher',
  classId: 'class',
  groupId: 'group',
  subjectId: 'subject',
  courseId: 'course',
  lessonId: 'lesson',
  termId: 'term',
  yearId: 'year',
  academicYearId: 'year',
};

/** A school date inside the fixture's current term, before today: the Monday of the harness's TEST_NOW week. */
const SCHOOL_DATE = '2026-10-12';

function enumOf(schema: JsonSchema): unknown[] | null {
  if (schema.enum) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  const options = schema.anyOf ?? schema.oneOf;
  if (options && options.every((o) => o.const !== undefined)) return options.map((o) => o.const);
  return null;
}

/** The value of a path parameter, or an Error naming what the matrix does not know. */
export function pathValue(op: Operation, name: string, schema: JsonSchema, place: Place): string | Error {
  if (name === 'week') return place.week;
  const choices = enumOf(schema);
  if (choices) return String(choices[0]);
  if (name === 'id') {
    const segments = op.path.split('/');
    const before = segments[segments.indexOf('{id}') - 1] ?? '';
    const kind = PATH_KIND[op.path] ?? SEGMENT_KIND[before];
    return kind ? String(place[kind]) : new Error(`${op.method} ${op.path}: no kind for {id} after "${before}"`);
  }
  if (name === 'name' && op.path.startsWith('/api/admin/backups')) return 'otmetka-authz.otmbak';
  const kind = NAME_KIND[name];
  return kind ? String(place[kind]) : new Error(`${op.method} ${op.path}: no kind for path parameter {${name}}`);
}

/** Query string: id-like parameters from the place, required ones made up, other optional ones left out. */
export function queryOf(op: Operation, place: Place): string {
  const pairs: string[] = [];
  for (const q of op.query) {
    let value: string | undefined;
    const kind = NAME_KIND[q.name];
    if (kind) value = String(place[kind]);
    else if (q.name === 'week' || q.name === 'weekOf') value = SCHOOL_DATE;
    else if (q.required) value = String(valueOf(q.name, q.schema, place));
    if (value !== undefined) pairs.push(`${encodeURIComponent(q.name)}=${encodeURIComponent(value)}`);
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function stringFor(schema: JsonSchema & { pattern?: string }): string {
  if (schema.format === 'date') return SCHOOL_DATE;
  if (schema.format === 'date-time') return '2026-10-12T03:00:00.000Z';
  if (schema.format === 'email') return 'authz@example.org';
  const pattern = schema.pattern ?? '';
  if (pattern.includes(':')) return '08:30';
  if (pattern.includes('/')) return '2026/2027';
  if (pattern.startsWith('^[0-9+')) return '+7 914 000-00-00';
  const text = 'A1';
  return schema.minLength && schema.minLength > text.length ? text.padEnd(schema.minLength, 'x') : text;
}

/** A minimal value the schema accepts; id-like fields come from the place. */
export function valueOf(name: string, schema: JsonSchema, place: Place, depth = 0): unknown {
  const choices = enumOf(schema);
  if (choices) return choices[0];
  const kind = NAME_KIND[name];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? (schema.anyOf ? 'union' : 'any')];
  if (schema.anyOf || schema.oneOf) {
    const options = (schema.anyOf ?? schema.oneOf)!.filter((o) => o.type !== 'null');
    return valueOf(name, options[0] ?? {}, place, depth + 1);
  }
  if (types.includes('integer') || types.includes('number')) {
    if (kind) return place[kind];
    return Math.max(schema.minimum ?? 1, 1);
  }
  if (types.includes('string')) return stringFor(schema);
  if (types.includes('boolean')) return false;
  if (types.includes('array')) {
    const min = (schema as { minItems?: number }).minItems ?? 0;
    const singular = name.endsWith('Ids') ? name.slice(0, -1) : name;
    return Array.from({ length: Math.max(min, NAME_KIND[singular] ? 1 : 0) }, () => valueOf(singular, schema.items ?? {}, place, depth + 1));
  }
  if (types.includes('object') || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const key of schema.required ?? []) out[key] = valueOf(key, schema.properties?.[key] ?? {}, place, depth + 1);
    // Optional id fields carry the scope too (a grant's school, a history's course).
    for (const [key, s] of Object.entries(schema.properties ?? {})) if (!(key in out) && NAME_KIND[key]) out[key] = valueOf(key, s, place, depth + 1);
    // A patch needs at least one field: take the first optional ones.
    const min = (schema as { minProperties?: number }).minProperties ?? 0;
    for (const [key, s] of Object.entries(schema.properties ?? {})) {
      if (Object.keys(out).length >= min) break;
      if (!(key in out)) out[key] = valueOf(key, s, place, depth + 1);
    }
    return out;
  }
  return null;
}

const BOUNDARY = 'authzmatrixboundary';

export interface ConcreteRequest {
  url: string;
  payload?: string;
  contentType?: string;
}

/**
 * The request of an operation about a place. `probe` sends a body no schema
 * accepts: the answer proves the route-level check let the caller through
 * (400, not 401/403) without changing anything.
 */
export function requestFor(op: Operation, place: Place, options: { probe: boolean }): ConcreteRequest | Error {
  let url = op.path;
  for (const p of op.pathParams) {
    const value = pathValue(op, p.name, p.schema, place);
    if (value instanceof Error) return value;
    url = url.replace(`{${p.name}}`, encodeURIComponent(value));
  }
  url += queryOf(op, place);
  if (op.method === 'GET' || op.method === 'DELETE') return { url };
  // Uploads (and body-less actions, which ignore it) get a small file: OpenAPI 3 drops `consumes` of body-less schemas.
  if (op.multipart || !op.body) {
    // A small text file: real enough to reach the service, refused by every upload that checks its type.
    const payload = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="authz.txt"\r\nContent-Type: text/plain\r\n\r\nauthz\r\n--${BOUNDARY}--\r\n`;
    return { url, payload, contentType: `multipart/form-data; boundary=${BOUNDARY}` };
  }
  {
    const body = options.probe ? { __authz_probe__: true } : valueOf('', op.body, place);
    return { url, payload: JSON.stringify(body), contentType: 'application/json' };
  }
  return { url };
}
