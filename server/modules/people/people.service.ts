import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { actorGrantOf, type Actor } from '../../policy/actor.js';
import { assertCan, canAny } from '../../policy/policy.js';
import { mayGrant } from '../../policy/grants.js';
import type { ScopeTarget } from '../../policy/scope.js';
import type {
  CreateGuardianBody,
  CreateStaffBody,
  CreateStudentBody,
  CreatedPersonView,
  LeaveBody,
  LinkGuardianBody,
  PeopleList,
  PeopleQuery,
  PersonDetail,
  UpdatePersonBody,
} from '../../../shared/contracts/people.js';
import type { ActivationCodeView } from '../../../shared/contracts/accounts.js';
import { localDateOf } from '../../../shared/dates.js';
import { pageWindow, searchWords } from '../../../shared/contracts/paging.js';
import type { Role } from '../../../shared/roles.js';
import * as accounts from '../accounts/accounts.service.js';
import * as structure from '../structure/structure.service.js';
import * as q from './people.queries.js';
import { ensureGrant, personTargets, scopeNames } from './grants.service.js';

/**
 * People of a school: staff, students (with their enrolment history) and
 * guardians, created and edited by the school admin. Every person with a role
 * gets an account with a one-time activation code at once.
 */

type Db = Kysely<Database>;
const fullName = (p: { surname: string; name: string; patronymic: string }) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
const today = (ctx: AppContext) => localDateOf(ctx.clock.now(), ctx.config.timeZone);

async function schoolPlace(ctx: AppContext, schoolId: number, field = '/params/id') {
  const place = await structure.schoolScope(ctx, schoolId);
  if (!place) throw new AppError('school_not_found', { field });
  return place;
}

function personRow(input: { surname: string; name: string; patronymic?: string; birthDate?: string | null; email?: string | null; phone?: string | null }, at: string) {
  return {
    surname: input.surname.trim(),
    name: input.name.trim(),
    patronymic: input.patronymic?.trim() ?? '',
    birth_date: input.birthDate ?? null,
    email: input.email?.trim() || null,
    phone: input.phone?.trim() || null,
    created_at: at,
  };
}

/** A new account's code, formatted for the letter. */
async function codeFor(trx: Db, personId: number, now: Date): Promise<{ activationCode: string | null; codeExpiresAt: string | null }> {
  const account = await q.accountOf(trx, personId);
  // An existing account keeps its code (a letter may already be printed); a reset is an explicit action.
  if (account) return { activationCode: null, codeExpiresAt: null };
  const issued = await accounts.issueActivationCode(trx, personId, now);
  return { activationCode: `${issued.code.slice(0, 5)}-${issued.code.slice(5)}`, codeExpiresAt: issued.expiresAt };
}

export async function listPeople(ctx: AppContext, actor: Actor, schoolId: number, query: PeopleQuery): Promise<PeopleList> {
  const place = await schoolPlace(ctx, schoolId);
  assertCan(actor, 'people.read', place);
  const db = ctx.db.kysely;
  const day = today(ctx);
  const window = peopleWindow(query);
  const [rows, total] = await q.listPeople(db, ctx.db.dialect, {
    kind: query.kind,
    schoolId,
    today: day,
    words: searchWords(query.q),
    status: query.status,
    limit: window.limit,
    offset: window.offset,
  });
  const ids = rows.map((r) => r.id);
  const [grants, notes, consent] = await Promise.all([
    q.grantsInSchool(db, ids, schoolId),
    query.kind === 'staff'
      ? q.staffPositions(db, ids, schoolId).then((r) => r.map((x) => [x.person_id, x.position] as const))
      : query.kind === 'students'
        ? q.currentClasses(db, ids, day).then((r) => r.filter((x) => x.school_id === schoolId).map((x) => [x.student_person_id, x.name] as const))
        : q.childrenInSchool(db, ids, schoolId).then((r) => r.map((x) => [x.guardian_person_id, `${x.surname} ${x.name}`] as const)),
    query.kind === 'students' ? q.withConsent(db, ids) : Promise.resolve(null),
  ]);
  const noteOf = new Map<number, string[]>();
  for (const [id, text] of notes) noteOf.set(id, [...(noteOf.get(id) ?? []), text]);
  return {
    total: Number(total.n),
    ...(window.page ? { page: window.page, pageSize: window.pageSize } : {}),
    items: rows.map((r) => ({
      id: r.id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      birthDate: r.birth_date,
      account: {
        status: r.status ?? 'none',
        login: r.login ?? null,
        activatedAt: r.activated_at ?? null,
        codeExpiresAt: r.activation_code_expires_at ?? null,
        blockedReason: r.blocked_reason ?? null,
      },
      roles: [...new Set(grants.filter((g) => g.person_id === r.id).map((g) => g.role as Role))],
      note: (noteOf.get(r.id) ?? []).join(', '),
      consent: consent ? consent.has(r.id) : null,
    })),
  };
}

/** page/pageSize (the web client) or the older limit/offset (default: the first 100), never both. */
function peopleWindow(query: PeopleQuery): { limit: number; offset: number; page?: number; pageSize?: number } {
  const paged = query.page !== undefined || query.pageSize !== undefined;
  if (!paged) return { limit: query.limit ?? 100, offset: query.offset ?? 0 };
  if (query.limit !== undefined || query.offset !== undefined) {
    throw new AppError('validation_failed', { field: query.page !== undefined ? '/querystring/page' : '/querystring/pageSize', detail: 'page/pageSize cannot be mixed with limit/offset' });
  }
  return pageWindow(query);
}

/** A person as seen by whoever administers one of the places they are tied to. */
export async function getPerson(ctx: AppContext, actor: Actor, personId: number): Promise<PersonDetail> {
  const db = ctx.db.kysely;
  const person = await q.findPerson(db, personId);
  if (!person) throw new AppError('person_not_found', { field: '/params/id' });
  const { targets, aff } = await personTargets(db, personId);
  if (!canAny(actor, 'people.read', targets) && !canAny(actor, 'grants.manage', targets)) throw new AppError('person_not_found', { field: '/params/id' });
  const [account, guardians, children] = await Promise.all([q.accountOf(db, personId), q.guardiansOf(db, personId), q.childrenOf(db, personId)]);
  const schoolIds = [...new Set([...aff.staff.map((s) => s.school_id), ...aff.enrolments.map((e) => e.school_id)])];
  const schools = new Map((await q.schoolsByIds(db, schoolIds)).map((s) => [s.id, s.name]));
  const names = await scopeNames(db, aff.grants);
  return {
    id: person.id,
    surname: person.surname,
    name: person.name,
    patronymic: person.patronymic,
    birthDate: person.birth_date,
    email: person.email,
    phone: person.phone,
    account: {
      status: account?.status ?? 'none',
      login: account?.login ?? null,
      activatedAt: account?.activated_at ?? null,
      codeExpiresAt: account?.activation_code_used_at ? null : (account?.activation_code_expires_at ?? null),
      blockedReason: account?.blocked_reason ?? null,
    },
    grants: aff.grants.map((g) => ({
      ...actorGrantOf(g),
      grantedAt: g.granted_at,
      scopeName: names.get(g.id) ?? '',
    })),
    staff: aff.staff.map((s) => ({ schoolId: s.school_id, schoolName: schools.get(s.school_id) ?? '', position: s.position, startedOn: s.started_on, endedOn: s.ended_on })),
    enrolments: aff.enrolments.map((e) => ({ schoolId: e.school_id, schoolName: schools.get(e.school_id) ?? '', startedOn: e.started_on, endedOn: e.ended_on, endReason: e.end_reason })),
    guardians: guardians.map((g) => ({ personId: g.id, fullName: fullName(g), relation: g.relation })),
    children: children.map((c) => ({ personId: c.id, fullName: fullName(c), relation: c.relation, schoolId: c.school_id })),
  };
}

export async function createStaff(ctx: AppContext, actor: Actor, schoolId: number, input: CreateStaffBody): Promise<CreatedPersonView> {
  const place = await schoolPlace(ctx, schoolId);
  assertCan(actor, 'people.manage', place);
  for (const role of input.roles ?? []) {
    if (!mayGrant(actor, role, place)) throw new AppError('role_not_grantable', { field: '/body/roles' });
  }
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { id } = await q.insertPerson(trx, personRow(input, now.toISOString()));
    await q.insertStaff(trx, { school_id: schoolId, person_id: id, position: input.position?.trim() ?? '', started_on: input.startedOn ?? today(ctx) });
    for (const role of input.roles ?? []) await ensureGrant(trx, actor, { person_id: id, role, ...grantIds(place) }, now);
    const code = (input.roles ?? []).length > 0 ? await codeFor(trx, id, now) : { activationCode: null, codeExpiresAt: null };
    return { personId: id, ...code };
  });
}

const grantIds = (place: { regionId: number; municipalityId: number; schoolId: number }) => ({
  region_id: place.regionId,
  municipality_id: place.municipalityId,
  school_id: place.schoolId,
  class_id: null,
});

export async function createStudent(ctx: AppContext, actor: Actor, schoolId: number, input: CreateStudentBody): Promise<CreatedPersonView> {
  const place = await schoolPlace(ctx, schoolId);
  assertCan(actor, 'people.manage', place);
  const db = ctx.db.kysely;
  if (input.classId) {
    const cls = await q.findClass(db, input.classId);
    if (!cls || cls.school_id !== schoolId) throw new AppError('class_not_found', { field: '/body/classId' });
  }
  const now = ctx.clock.now();
  const startedOn = input.startedOn ?? today(ctx);
  return db.transaction().execute(async (trx) => {
    const { id } = await q.insertPerson(trx, personRow(input, now.toISOString()));
    await q.insertEnrolment(trx, { school_id: schoolId, person_id: id, started_on: startedOn });
    if (input.classId) await q.insertClassMember(trx, { school_id: schoolId, class_id: input.classId, student_person_id: id, from_date: startedOn });
    await ensureGrant(trx, actor, { person_id: id, role: 'student', ...grantIds(place) }, now);
    return { personId: id, ...(await codeFor(trx, id, now)) };
  });
}

async function assertStudentOf(ctx: AppContext, db: Db, studentId: number, schoolId: number, field: string) {
  const enrolments = await q.currentEnrolments(db, studentId, today(ctx));
  if (!enrolments.some((e) => e.school_id === schoolId)) throw new AppError('person_not_found', { field });
}

export async function createGuardian(ctx: AppContext, actor: Actor, schoolId: number, input: CreateGuardianBody): Promise<CreatedPersonView> {
  const place = await schoolPlace(ctx, schoolId);
  assertCan(actor, 'people.manage', place);
  const db = ctx.db.kysely;
  await assertStudentOf(ctx, db, input.studentId, schoolId, '/body/studentId');
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    const { id } = await q.insertPerson(trx, personRow(input, now.toISOString()));
    await q.insertGuardianship(trx, { school_id: schoolId, guardian_person_id: id, student_person_id: input.studentId, relation: input.relation, created_at: now.toISOString() });
    await ensureGrant(trx, actor, { person_id: id, role: 'guardian', ...grantIds(place) }, now);
    return { personId: id, ...(await codeFor(trx, id, now)) };
  });
}

/** Links a person the school already knows (a guardian of a sibling, a teacher who is a parent) to a student. */
export async function linkGuardian(ctx: AppContext, actor: Actor, schoolId: number, input: LinkGuardianBody): Promise<CreatedPersonView> {
  const place = await schoolPlace(ctx, schoolId);
  assertCan(actor, 'people.manage', place);
  const db = ctx.db.kysely;
  await assertStudentOf(ctx, db, input.studentId, schoolId, '/body/studentId');
  const { targets } = await personTargets(db, input.guardianId);
  if (!(await q.findPerson(db, input.guardianId)) || !canAny(actor, 'people.manage', targets)) throw new AppError('person_not_found', { field: '/body/guardianId' });
  if (input.guardianId === input.studentId) throw new AppError('validation_failed', { field: '/body/guardianId' });
  if (await q.findGuardianship(db, input.guardianId, input.studentId)) throw new AppError('conflict', { field: '/body/guardianId', detail: 'already linked' });
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    await q.insertGuardianship(trx, { school_id: schoolId, guardian_person_id: input.guardianId, student_person_id: input.studentId, relation: input.relation, created_at: now.toISOString() });
    await ensureGrant(trx, actor, { person_id: input.guardianId, role: 'guardian', ...grantIds(place) }, now);
    return { personId: input.guardianId, ...(await codeFor(trx, input.guardianId, now)) };
  });
}

export async function updatePerson(ctx: AppContext, actor: Actor, personId: number, input: UpdatePersonBody): Promise<PersonDetail> {
  const db = ctx.db.kysely;
  if (!(await q.findPerson(db, personId))) throw new AppError('person_not_found', { field: '/params/id' });
  const { targets } = await personTargets(db, personId);
  if (!canAny(actor, 'people.manage', targets) && !canAny(actor, 'grants.manage', targets)) throw new AppError('person_not_found', { field: '/params/id' });
  await q.updatePerson(db, personId, {
    ...(input.surname !== undefined ? { surname: input.surname.trim() } : {}),
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.patronymic !== undefined ? { patronymic: input.patronymic.trim() } : {}),
    ...(input.birthDate !== undefined ? { birth_date: input.birthDate } : {}),
    ...(input.email !== undefined ? { email: input.email?.trim() || null } : {}),
    ...(input.phone !== undefined ? { phone: input.phone?.trim() || null } : {}),
  });
  return getPerson(ctx, actor, personId);
}

/**
 * A student leaves the school or moves to another one. The enrolment keeps its
 * dates and gets an end date and reason; a move opens a new enrolment in the
 * receiving school, which then sees the student and their guardians.
 */
export async function leave(ctx: AppContext, actor: Actor, personId: number, input: LeaveBody): Promise<PersonDetail> {
  const place = await schoolPlace(ctx, input.schoolId, '/body/schoolId');
  assertCan(actor, 'people.manage', place);
  const db = ctx.db.kysely;
  const enrolment = (await q.currentEnrolments(db, personId, today(ctx))).find((e) => e.school_id === input.schoolId);
  if (!enrolment) throw new AppError('not_enrolled', { field: '/params/id' });
  if (input.endedOn < enrolment.started_on) throw new AppError('validation_failed', { field: '/body/endedOn', detail: 'before the enrolment began' });
  const target = input.reason === 'moved' ? input.toSchoolId : undefined;
  if (input.reason === 'moved' && !target) throw new AppError('validation_failed', { field: '/body/toSchoolId', detail: 'a move names the receiving school' });
  if (target === input.schoolId) throw new AppError('validation_failed', { field: '/body/toSchoolId' });
  const to = target ? await schoolPlace(ctx, target, '/body/toSchoolId') : null;
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    await q.endEnrolment(trx, enrolment.id, input.endedOn, input.reason);
    await q.endClassMemberships(trx, personId, input.schoolId, input.endedOn);
    await q.revokeRoleInSchool(trx, personId, 'student', input.schoolId, actor.personId || null, now.toISOString());
    if (to) {
      await q.insertEnrolment(trx, { school_id: to.schoolId, person_id: personId, started_on: input.endedOn });
      await q.moveGuardianships(trx, personId, to.schoolId);
      await ensureGrant(trx, null, { person_id: personId, role: 'student', ...grantIds(to) }, now);
      for (const g of await q.guardiansOf(trx, personId)) await ensureGrant(trx, null, { person_id: g.id, role: 'guardian', ...grantIds(to) }, now);
    }
    await accounts.logSecurityEvent(trx, { personId, kind: 'enrolment_ended', detail: `${input.reason} ${input.schoolId}${to ? ` → ${to.schoolId}` : ''}`, at: now.toISOString() });
  });
  return getPerson(ctx, actor, personId);
}

/** Resets a person's access: a new code (printed as a letter), the old code and password void, sessions ended. */
export async function reissueCode(ctx: AppContext, actor: Actor, personId: number): Promise<ActivationCodeView> {
  const db = ctx.db.kysely;
  if (!(await q.findPerson(db, personId))) throw new AppError('person_not_found', { field: '/params/id' });
  const { targets, aff } = await personTargets(db, personId);
  const byGrant = aff.grants.some((g) => mayGrant(actor, g.role as Role, targetOfGrant(g, targets)));
  if (!byGrant && !canAny(actor, 'people.manage', targets)) throw new AppError('person_not_found', { field: '/params/id' });
  if (aff.grants.length === 0) throw new AppError('grant_not_found', { field: '/params/id', detail: 'a person without a role has no account' });
  const issued = await db.transaction().execute((trx) => accounts.resetAccess(trx, personId, actor.personId, ctx.clock.now()));
  return { personId, code: issued.code, expiresAt: issued.expiresAt };
}

function targetOfGrant(g: { school_id: number | null; municipality_id: number | null; region_id: number | null; class_id: number | null }, targets: ScopeTarget[]): ScopeTarget {
  return targets.find((t) => (g.school_id != null && t.schoolId === g.school_id) || (g.school_id == null && g.municipality_id != null && t.municipalityId === g.municipality_id && t.schoolId == null)) ?? {
    regionId: g.region_id,
    municipalityId: g.municipality_id,
    schoolId: g.school_id,
    classId: g.class_id,
  };
}

