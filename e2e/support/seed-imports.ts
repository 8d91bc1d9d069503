/**
 * Test-only seeding for the import journey, run against the e2e server's own
 * SQLite file after it has started (WAL lets both open it). The demo region
 * has no school-admin login on this branch yet, so the journey creates one,
 * with a school, its academic year and empty classes, through the same test
 * factories the integration tests use.
 */
// Loads @fastify/cookie's reply typings, which the server's session helpers (pulled in by the factories) rely on.
import type {} from '@fastify/cookie';
import { join } from 'node:path';
import { createContext } from '../../server/bootstrap.js';
import { fixedClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import { hashToken } from '../../server/modules/accounts/passwords.js';
import { systemActor } from '../../server/policy/actor.js';
import * as structure from '../../server/modules/structure/structure.service.js';
import { grantRole, makeAccount, makePerson } from '../../server/test/factories.js';
import { makeClass, makeSchoolYear } from '../../server/test/structure-factories.js';
import { E2E_NOW } from './server.js';

export const IMPORT_ADMIN = { login: 'import-admin', password: 'Import-admin-2026' };
export const IMPORT_CLASSES = ['5А', '5Б', '5В', '6А', '6Б', '6В'];

async function openContext(dataDir: string) {
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'otmetka.sqlite')}`, LOG_LEVEL: 'silent', DEMO: 'false' });
  return createContext(config, { clock: fixedClock(E2E_NOW) });
}

export async function seedImportSchool(dataDir: string): Promise<{ schoolId: number; schoolName: string }> {
  const ctx = await openContext(dataDir);
  try {
    const municipality = await ctx.db.kysely.selectFrom('municipalities').select('id').orderBy('id').executeTakeFirstOrThrow();
    const school = await structure.createSchool(ctx, systemActor, municipality.id, { name: 'МБОУ «Школа импорта»' });
    const { yearId } = await makeSchoolYear(ctx, school.id);
    for (const name of IMPORT_CLASSES) await makeClass(ctx, school.id, yearId, { grade: Number(name.slice(0, -1)), letter: name.slice(-1), students: 0 });
    const personId = await makePerson(ctx, { surname: 'Ответственная', name: 'Ирина', patronymic: 'Павловна' });
    await grantRole(ctx, personId, 'school_admin', { schoolId: school.id });
    await makeAccount(ctx, personId, { login: IMPORT_ADMIN.login, password: IMPORT_ADMIN.password });
    return { schoolId: school.id, schoolName: school.name };
  } finally {
    await ctx.db.close();
  }
}

/** True when the code printed in a letter is the one stored (as its hash) for the pupil of that name. */
export async function codeBelongsTo(dataDir: string, schoolId: number, surname: string, name: string, code: string): Promise<boolean> {
  const ctx = await openContext(dataDir);
  try {
    const row = await ctx.db.kysely
      .selectFrom('persons')
      .innerJoin('enrolments', 'enrolments.person_id', 'persons.id')
      .innerJoin('accounts', 'accounts.person_id', 'persons.id')
      .select('accounts.activation_code_hash')
      .where('enrolments.school_id', '=', schoolId)
      .where('persons.surname', '=', surname)
      .where('persons.name', '=', name)
      .executeTakeFirst();
    return row?.activation_code_hash === hashToken(code.replace('-', ''));
  } finally {
    await ctx.db.close();
  }
}

/**
 * Signs in through the API and hands the session to the browser as a session
 * cookie. Why not the sign-in form: the server's clock is fixed at E2E_NOW,
 * so its cookie's Expires (E2E_NOW + 30 days) lies in the past of this
 * machine's real clock and Chromium drops it (see the report to the lead).
 */
export async function signInByApi(context: import('playwright-core').BrowserContext, baseUrl: string, login: string, password: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-otmetka-csrf': '1' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const token = /otmetka_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('no session cookie');
  await context.addCookies([{ name: 'otmetka_session', value: token, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}
