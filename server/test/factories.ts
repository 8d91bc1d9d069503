import type { AppContext } from '../context.js';
import { hashPassword, hashToken, newSessionToken } from '../modules/accounts/passwords.js';
import { SESSION_ABSOLUTE_MS } from '../modules/accounts/accounts.service.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { systemActor } from '../policy/actor.js';
import * as structure from '../modules/structure/structure.service.js';
import type { Role } from '../../shared/roles.js';

let counter = 0;
const next = () => ++counter;

/** A region with one municipality and one school, through the structure service. */
export async function makeRegionTree(ctx: AppContext, label = `${next()}`) {
  const region = await structure.createRegion(ctx, systemActor, { name: `Регион ${label}`, code: `R${label}` });
  const municipality = await structure.createMunicipality(ctx, systemActor, region.id, { name: `Район ${label}` });
  const school = await structure.createSchool(ctx, systemActor, municipality.id, { name: `Школа ${label}` });
  return { region, municipality, school };
}

export async function makeSchool(ctx: AppContext, municipalityId: number, name = `Школа ${next()}`) {
  return structure.createSchool(ctx, systemActor, municipalityId, { name });
}

export interface PersonSpec {
  surname?: string;
  name?: string;
  patronymic?: string;
  birthDate?: string | null;
}

export async function makePerson(ctx: AppContext, spec: PersonSpec = {}) {
  const n = next();
  const { id } = await ctx.db.kysely
    .insertInto('persons')
    .values({
      surname: spec.surname ?? `Фамилия${n}`,
      name: spec.name ?? `Имя${n}`,
      patronymic: spec.patronymic ?? '',
      birth_date: spec.birthDate ?? null,
      email: null,
      phone: null,
      external_id: null,
      created_at: ctx.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface GrantScope {
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
  classId?: number;
}

export async function grantRole(ctx: AppContext, personId: number, role: Role, scope: GrantScope = {}) {
  const { id } = await ctx.db.kysely
    .insertInto('grants')
    .values({
      person_id: personId,
      role,
      region_id: scope.regionId ?? null,
      municipality_id: scope.municipalityId ?? null,
      school_id: scope.schoolId ?? null,
      class_id: scope.classId ?? null,
      granted_by: null,
      granted_at: ctx.clock.now().toISOString(),
      revoked_by: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An active account with a known password (hashing is slow: pass `password: null` to skip it). */
export async function makeAccount(ctx: AppContext, personId: number, options: { login?: string; password?: string | null } = {}) {
  const login = options.login ?? `user${personId}`;
  const password = options.password === undefined ? 'correct-horse-42' : options.password;
  const now = ctx.clock.now().toISOString();
  const { id } = await ctx.db.kysely
    .insertInto('accounts')
    .values({
      person_id: personId,
      login,
      password_hash: password ? await hashPassword(password) : null,
      status: 'active',
      activated_at: now,
      activation_code_hash: null,
      activation_code_expires_at: null,
      password_changed_at: now,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { accountId: id, login, password };
}

/** A session cookie for an account, without going through sign-in. */
export async function sessionCookie(ctx: AppContext, accountId: number): Promise<string> {
  const token = newSessionToken();
  const now = ctx.clock.now();
  await ctx.db.kysely
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      account_id: accountId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      ip: '127.0.0.1',
      user_agent: 'test',
      revoked_at: null,
    })
    .execute();
  return `${SESSION_COOKIE}=${token}`;
}

/** A signed-in person holding one role in a scope: the usual start of an integration test. */
export async function signedIn(ctx: AppContext, role: Role, scope: GrantScope = {}, person: PersonSpec = {}) {
  const personId = await makePerson(ctx, person);
  await grantRole(ctx, personId, role, scope);
  const { accountId } = await makeAccount(ctx, personId, { password: null });
  return { personId, accountId, cookie: await sessionCookie(ctx, accountId) };
}

/** A guardian's consent on record for a student (without it a guardian sees nothing of the child). */
export async function recordConsent(ctx: AppContext, schoolId: number, studentPersonId: number, guardianPersonId: number) {
  await ctx.db.kysely
    .insertInto('consents')
    .values({
      school_id: schoolId,
      student_person_id: studentPersonId,
      guardian_person_id: guardianPersonId,
      given_on: '2026-09-01',
      document_number: `C-${studentPersonId}`,
      scan_file: null,
      scan_type: null,
      scan_size: null,
      recorded_by: null,
      recorded_at: ctx.clock.now().toISOString(),
      withdrawn_on: null,
      withdrawn_by: null,
      withdrawn_at: null,
      withdrawal_note: null,
    })
    .execute();
}
