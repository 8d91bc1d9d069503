import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { grantableBy, grantDecision, mayGrant } from '../../policy/grants.js';
import { assertCan, can, canAny, scopeFilter } from '../../policy/policy.js';
import type { ScopeTarget } from '../../policy/scope.js';
import type { AppointBody, AppointmentsQuery, AppointmentView, ChildView, GrantBody, GrantCreatedView } from '../../../shared/contracts/people.js';
import { localDateOf } from '../../../shared/dates.js';
import { roles as allRoles, roleScope, type Role } from '../../../shared/roles.js';
import * as accounts from '../accounts/accounts.service.js';
import * as structure from '../structure/structure.service.js';
import * as q from './people.queries.js';

/**
 * Grants: roles given and withdrawn along the order's chain of appointments
 * (the rules are policy/grants.ts). Every change keeps its row and is logged.
 */

type Db = Kysely<Database>;
const fullName = (p: { surname: string; name: string; patronymic: string }) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');

/** Every place a person is tied to, as policy targets. */
export async function personTargets(db: Db, personId: number) {
  const aff = await q.affiliations(db, personId);
  const schoolIds = [...new Set([...aff.staff, ...aff.enrolments, ...aff.guardianships, ...aff.grants].map((r) => r.school_id).filter((v): v is number => v != null))];
  const schools = await q.schoolsByIds(db, schoolIds);
  const municipalityIds = aff.grants.filter((g) => g.school_id == null && g.municipality_id != null).map((g) => g.municipality_id!);
  const municipalities = await q.municipalitiesByIds(db, municipalityIds);
  const targets: ScopeTarget[] = schools.map((s) => ({ regionId: s.region_id, municipalityId: s.municipality_id, schoolId: s.id }));
  for (const g of aff.grants) {
    const s = schools.find((x) => x.id === g.school_id);
    if (g.class_id != null && s) targets.push({ regionId: s.region_id, municipalityId: s.municipality_id, schoolId: s.id, classId: g.class_id });
  }
  for (const m of municipalities) targets.push({ regionId: m.region_id, municipalityId: m.id });
  for (const g of aff.grants) if (g.school_id == null && g.municipality_id == null && g.region_id != null) targets.push({ regionId: g.region_id });
  return { targets, aff };
}

/** A readable name of each grant's scope: the region, the municipality, the school or the class. */
export async function scopeNames(db: Db, grants: Array<{ id: number; region_id: number | null; municipality_id: number | null; school_id: number | null; class_id: number | null }>) {
  const [regions, municipalities, schools] = await Promise.all([
    q.regionsByIds(db, [...new Set(grants.map((g) => g.region_id).filter((v): v is number => v != null))]),
    q.municipalitiesByIds(db, [...new Set(grants.map((g) => g.municipality_id).filter((v): v is number => v != null))]),
    q.schoolsByIds(db, [...new Set(grants.map((g) => g.school_id).filter((v): v is number => v != null))]),
  ]);
  const names = new Map<number, string>();
  for (const g of grants) {
    const school = schools.find((s) => s.id === g.school_id);
    const cls = g.class_id ? await q.findClass(db, g.class_id) : null;
    names.set(
      g.id,
      cls && school ? `${school.short_name}, ${cls.name}` : school ? school.short_name : (municipalities.find((m) => m.id === g.municipality_id)?.name ?? regions.find((r) => r.id === g.region_id)?.name ?? ''),
    );
  }
  return names;
}

interface GrantRow {
  person_id: number;
  role: Role;
  region_id: number | null;
  municipality_id: number | null;
  school_id: number | null;
  class_id: number | null;
}

/** Gives the grant unless the same one is in force; logs it. Returns the grant's id and whether it is new. */
export async function ensureGrant(trx: Db, actor: Actor | null, g: GrantRow, now: Date): Promise<{ id: number; created: boolean }> {
  const same = await q.findSameGrant(trx, g);
  if (same) return { id: same.id, created: false };
  const at = now.toISOString();
  const { id } = await q.insertGrant(trx, { ...g, granted_by: actor?.personId || null, granted_at: at });
  await accounts.logSecurityEvent(trx, { personId: g.person_id, kind: 'grant_given', detail: `${g.role} #${id} by ${actor?.personId ?? 'system'}`, at });
  return { id, created: true };
}

const scopeField: Record<ReturnType<typeof scopeOf>, string> = {
  installation: '/body/role',
  region: '/body/regionId',
  municipality: '/body/municipalityId',
  school: '/body/schoolId',
  self: '/body/schoolId',
  class: '/body/classId',
};
function scopeOf(role: Role) {
  return roleScope[role];
}

/** Where a grant of this role would sit, from the ids in the request; the ids must exist. */
async function resolveTarget(ctx: AppContext, role: Role, ids: { regionId?: number; municipalityId?: number; schoolId?: number; classId?: number }) {
  const db = ctx.db.kysely;
  const level = scopeOf(role);
  const missing = () => new AppError('validation_failed', { field: scopeField[level], detail: `${role} needs ${scopeField[level].slice(6)}` });
  if (level === 'installation') return { target: {} as ScopeTarget, row: { region_id: null, municipality_id: null, school_id: null, class_id: null } };
  if (level === 'region') {
    if (!ids.regionId) throw missing();
    if ((await q.regionsByIds(db, [ids.regionId])).length === 0) throw new AppError('region_not_found', { field: '/body/regionId' });
    return { target: { regionId: ids.regionId }, row: { region_id: ids.regionId, municipality_id: null, school_id: null, class_id: null } };
  }
  if (level === 'municipality') {
    if (!ids.municipalityId) throw missing();
    const m = (await q.municipalitiesByIds(db, [ids.municipalityId]))[0];
    if (!m) throw new AppError('municipality_not_found', { field: '/body/municipalityId' });
    return { target: { regionId: m.region_id, municipalityId: m.id }, row: { region_id: m.region_id, municipality_id: m.id, school_id: null, class_id: null } };
  }
  if (level === 'class') {
    if (!ids.classId) throw missing();
    const cls = await q.findClass(db, ids.classId);
    if (!cls) throw new AppError('class_not_found', { field: '/body/classId' });
    const s = (await structure.schoolScope(ctx, cls.school_id))!;
    return { target: { ...s, classId: cls.id }, row: { region_id: s.regionId, municipality_id: s.municipalityId, school_id: s.schoolId, class_id: cls.id } };
  }
  if (!ids.schoolId) throw missing();
  const s = await structure.schoolScope(ctx, ids.schoolId);
  if (!s) throw new AppError('school_not_found', { field: '/body/schoolId' });
  return { target: s as ScopeTarget, row: { region_id: s.regionId, municipality_id: s.municipalityId, school_id: s.schoolId, class_id: null } };
}

function assertMayGrant(actor: Actor, role: Role, target: ScopeTarget, field: string) {
  const decision = grantDecision(actor, role, target);
  if (decision === 'out_of_scope') throw new AppError('grant_out_of_scope', { field });
  if (decision === 'not_grantable') throw new AppError('role_not_grantable', { field: '/body/role' });
}

async function codeIfPending(trx: Db, personId: number, now: Date) {
  const account = await q.accountOf(trx, personId);
  // An existing account keeps its code (a letter may already be printed); a reset is an explicit action.
  if (account) return { activationCode: null, codeExpiresAt: null };
  const issued = await accounts.issueActivationCode(trx, personId, now);
  return { activationCode: `${issued.code.slice(0, 5)}-${issued.code.slice(5)}`, codeExpiresAt: issued.expiresAt };
}

const STAFF_AT_SCHOOL: readonly Role[] = ['director', 'school_admin', 'deputy', 'teacher', 'class_teacher'];

export async function giveGrant(ctx: AppContext, actor: Actor, input: GrantBody): Promise<GrantCreatedView> {
  const db = ctx.db.kysely;
  const { target, row } = await resolveTarget(ctx, input.role, input);
  assertMayGrant(actor, input.role, target, scopeField[scopeOf(input.role)]);
  const person = await q.findPerson(db, input.personId);
  const { targets } = person ? await personTargets(db, input.personId) : { targets: [] };
  const isAdmin = actor.grants.some((g) => g.role === 'admin');
  if (!person || (!isAdmin && !canAny(actor, 'grants.manage', targets) && !canAny(actor, 'people.read', targets))) {
    throw new AppError('person_not_found', { field: '/body/personId' });
  }
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  if (input.role === 'student' && !(await q.currentEnrolments(db, input.personId, today)).some((e) => e.school_id === row.school_id)) {
    throw new AppError('not_enrolled', { field: '/body/personId' });
  }
  if (input.role === 'guardian' && !(await q.childrenOf(db, input.personId)).some((c) => c.school_id === row.school_id)) {
    throw new AppError('not_a_guardian', { field: '/body/personId' });
  }
  if (await q.findSameGrant(db, { person_id: input.personId, role: input.role, ...row })) throw new AppError('already_granted', { field: '/body/role' });
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    if (STAFF_AT_SCHOOL.includes(input.role) && row.school_id && !(await q.currentStaff(trx, input.personId, row.school_id))) {
      await q.insertStaff(trx, { school_id: row.school_id, person_id: input.personId, position: '', started_on: today });
    }
    const { id } = await ensureGrant(trx, actor, { person_id: input.personId, role: input.role, ...row }, now);
    return { grantId: id, personId: input.personId, ...(await codeIfPending(trx, input.personId, now)) };
  });
}

/** Appoints a new person: the coordinator's municipal officers, the officer's directors and school admins. */
export async function appoint(ctx: AppContext, actor: Actor, input: AppointBody): Promise<GrantCreatedView> {
  if (input.role === 'student' || input.role === 'guardian' || input.role === 'class_teacher') {
    throw new AppError('validation_failed', { field: '/body/role', detail: 'students, guardians and class teachers come from the school’s people screens' });
  }
  const { target, row } = await resolveTarget(ctx, input.role, input);
  assertMayGrant(actor, input.role, target, scopeField[scopeOf(input.role)]);
  const now = ctx.clock.now();
  const at = now.toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { id: personId } = await q.insertPerson(trx, {
      surname: input.surname.trim(),
      name: input.name.trim(),
      patronymic: input.patronymic?.trim() ?? '',
      birth_date: input.birthDate ?? null,
      email: input.email?.trim() || null,
      phone: input.phone?.trim() || null,
      created_at: at,
    });
    if (row.school_id) await q.insertStaff(trx, { school_id: row.school_id, person_id: personId, position: '', started_on: localDateOf(now, ctx.config.timeZone) });
    const { id } = await ensureGrant(trx, actor, { person_id: personId, role: input.role, ...row }, now);
    return { grantId: id, personId, ...(await codeIfPending(trx, personId, now)) };
  });
}

export async function withdrawGrant(ctx: AppContext, actor: Actor, grantId: number): Promise<void> {
  const db = ctx.db.kysely;
  const grant = await q.findGrant(db, grantId);
  if (!grant || grant.revoked_at) throw new AppError('grant_not_found', { field: '/params/id' });
  const school = grant.school_id ? await structure.schoolScope(ctx, grant.school_id) : null;
  const municipality = !school && grant.municipality_id ? (await q.municipalitiesByIds(db, [grant.municipality_id]))[0] : null;
  const target: ScopeTarget = school
    ? { ...school, classId: grant.class_id }
    : municipality
      ? { regionId: municipality.region_id, municipalityId: municipality.id }
      : { regionId: grant.region_id };
  const decision = grantDecision(actor, grant.role as Role, target);
  if (decision === 'out_of_scope') throw new AppError('grant_not_found', { field: '/params/id' });
  if (decision === 'not_grantable') throw new AppError('role_not_grantable', { field: '/params/id' });
  const at = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await q.revokeGrant(trx, grantId, actor.personId || null, at);
    await accounts.logSecurityEvent(trx, { personId: grant.person_id, kind: 'grant_withdrawn', detail: `${grant.role} #${grantId} by ${actor.personId}`, at });
  });
}

/** The grants in force that the actor could withdraw: their chain of appointments below them. */
export async function listAppointments(ctx: AppContext, actor: Actor, query: AppointmentsQuery): Promise<AppointmentView[]> {
  const db = ctx.db.kysely;
  const isAdmin = actor.grants.some((g) => g.role === 'admin');
  const givable = isAdmin ? [...allRoles] : [...new Set(actor.grants.flatMap((g) => grantableBy[g.role] ?? []))];
  await assertFilterInScope(ctx, actor, query);
  const filter = scopeFilter(actor, 'grants.manage');
  const scopes = filter.all
    ? [{ regionIds: query.regionId ? [query.regionId] : null, municipalityIds: query.municipalityId ? [query.municipalityId] : null, schoolIds: query.schoolId ? [query.schoolId] : null }]
    : [
        ...(filter.regionIds.length ? [{ regionIds: filter.regionIds, municipalityIds: null, schoolIds: null }] : []),
        ...(filter.municipalityIds.length ? [{ regionIds: null, municipalityIds: filter.municipalityIds, schoolIds: null }] : []),
        ...(filter.schoolIds.length ? [{ regionIds: null, municipalityIds: null, schoolIds: filter.schoolIds }] : []),
      ];
  const seen = new Map<number, AppointmentView>();
  for (const scope of scopes) {
    for (const r of await q.appointments(db, givable, scope)) {
      const target: ScopeTarget = {
        regionId: r.school_region_id ?? r.municipality_region_id ?? r.region_id,
        municipalityId: r.school_municipality_id ?? r.municipality_id,
        schoolId: r.school_id,
      };
      if (query.schoolId && r.school_id !== query.schoolId) continue;
      if (query.municipalityId && target.municipalityId !== query.municipalityId) continue;
      if (query.regionId && target.regionId !== query.regionId) continue;
      if (!mayGrant(actor, r.role as Role, target)) continue;
      seen.set(r.id, {
        grantId: r.id,
        personId: r.person_id,
        fullName: fullName(r),
        role: r.role as Role,
        scopeName: r.school_name ?? r.municipality_name ?? '',
        grantedAt: r.granted_at,
        accountStatus: r.status ?? 'none',
      });
    }
  }
  return [...seen.values()];
}

/**
 * A filter naming a place that has nothing in common with the places the
 * actor manages grants in (or no such place) is a 404 naming the field, as
 * any out-of-scope request is. A filter wider than the actor's scope (an
 * officer's own region) only narrows nothing, and is allowed.
 */
async function assertFilterInScope(ctx: AppContext, actor: Actor, query: AppointmentsQuery): Promise<void> {
  if (!query.schoolId && !query.municipalityId && !query.regionId) return;
  const db = ctx.db.kysely;
  const filter = scopeFilter(actor, 'grants.manage');
  // The places above the actor's own grants (a school admin's municipality and region, an officer's region),
  // looked up only for a filter that could be one of them.
  const wide = !filter.all && (query.municipalityId !== undefined || query.regionId !== undefined);
  const ownSchools = wide ? await q.schoolsByIds(db, filter.schoolIds) : [];
  const ownMunicipalities = wide ? await q.municipalitiesByIds(db, filter.municipalityIds) : [];
  const within = {
    municipalities: new Set(ownSchools.map((x) => x.municipality_id)),
    regions: new Set([...ownSchools.map((x) => x.region_id), ...ownMunicipalities.map((x) => x.region_id)]),
  };
  if (query.schoolId) {
    const school = (await q.schoolsByIds(db, [query.schoolId]))[0];
    if (!school || !can(actor, 'grants.manage', { regionId: school.region_id, municipalityId: school.municipality_id, schoolId: school.id })) {
      throw new AppError('not_found', { field: '/querystring/schoolId' });
    }
  }
  if (query.municipalityId) {
    const m = (await q.municipalitiesByIds(db, [query.municipalityId]))[0];
    if (!m || !(can(actor, 'grants.manage', { regionId: m.region_id, municipalityId: m.id }) || within.municipalities.has(m.id))) {
      throw new AppError('not_found', { field: '/querystring/municipalityId' });
    }
  }
  if (query.regionId) {
    const region = (await q.regionsByIds(db, [query.regionId]))[0];
    if (!region || !(can(actor, 'grants.manage', { regionId: region.id }) || within.regions.has(region.id))) {
      throw new AppError('not_found', { field: '/querystring/regionId' });
    }
  }
}

async function childView(ctx: AppContext, personId: number): Promise<ChildView> {
  const db = ctx.db.kysely;
  const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
  const [person, enrolments, classes] = await Promise.all([q.findPerson(db, personId), q.currentEnrolments(db, personId, today), q.currentClasses(db, [personId], today)]);
  const schoolId = enrolments[0]?.school_id ?? null;
  const school = schoolId ? (await q.schoolsByIds(db, [schoolId]))[0] : undefined;
  return {
    personId,
    fullName: person ? fullName(person) : '',
    schoolId,
    schoolName: school?.name ?? null,
    className: classes.find((c) => c.school_id === schoolId)?.name ?? null,
  };
}

/** A guardian's children with consent on record (and a student's own record). */
export async function myChildren(ctx: AppContext, actor: Actor): Promise<ChildView[]> {
  const ids = [...actor.childIds, ...(actor.grants.some((g) => g.role === 'student') ? [actor.personId] : [])];
  return Promise.all([...new Set(ids)].map((id) => childView(ctx, id)));
}

/** One child: 404 for anyone who is not the child or their guardian with consent on record. */
export async function child(ctx: AppContext, actor: Actor, personId: number): Promise<ChildView> {
  assertCan(actor, 'children.read', { personId });
  return childView(ctx, personId);
}

/**
 * The installation's first admin (`otmetka create-admin`): a person, the admin
 * grant and a pending account; returns the activation code to print. Refused
 * once an admin exists: further admins are appointed by an admin.
 */
export async function createFirstAdmin(ctx: AppContext, input: { surname: string; name: string }): Promise<{ personId: number; code: string; expiresAt: string }> {
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await q.anyActiveGrantOf(trx, 'admin');
    if (existing) throw new AppError('conflict', { detail: 'an admin already exists; an admin appoints further admins' });
    const { id: personId } = await q.insertPerson(trx, { surname: input.surname, name: input.name, patronymic: '', birth_date: null, email: null, phone: null, created_at: now.toISOString() });
    await ensureGrant(trx, null, { person_id: personId, role: 'admin', region_id: null, municipality_id: null, school_id: null, class_id: null }, now);
    const issued = await accounts.issueActivationCode(trx, personId, now);
    return { personId, code: `${issued.code.slice(0, 5)}-${issued.code.slice(5)}`, expiresAt: issued.expiresAt };
  });
}
