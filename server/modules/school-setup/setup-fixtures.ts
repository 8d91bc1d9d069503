/**
 * Test helpers of the set-up tests: staff and pupils inserted directly (they
 * belong to the people module), everything of this module made through the API.
 */
import type { AppContext } from '../../context.js';
import type { App } from '../../http/types.js';
import { call } from '../../test/harness.js';
import { makePerson, makeRegionTree, signedIn } from '../../test/factories.js';
import { standardCalendar } from './calendar.js';

export async function makeStaff(ctx: AppContext, schoolId: number, surname = 'Учитель') {
  const personId = await makePerson(ctx, { surname, name: 'Анна', patronymic: 'Ивановна' });
  await ctx.db.kysely.insertInto('staff').values({ school_id: schoolId, person_id: personId, position: 'учитель', started_on: '2020-08-25', ended_on: null }).execute();
  return personId;
}

export async function makePupil(ctx: AppContext, schoolId: number, surname = 'Ученик') {
  const personId = await makePerson(ctx, { surname, name: 'Пётр' });
  await ctx.db.kysely.insertInto('enrolments').values({ school_id: schoolId, person_id: personId, started_on: '2020-09-01', ended_on: null, end_reason: null }).execute();
  return personId;
}

/** A school with its admin signed in and the standard 2026/2027 calendar created through the API. */
export async function schoolWithYear(app: App, ctx: AppContext) {
  const tree = await makeRegionTree(ctx);
  const admin = await signedIn(ctx, 'school_admin', { schoolId: tree.school.id });
  const calendar = standardCalendar('2026-09-01');
  const year = await call(app, 'POST', `/api/schools/${tree.school.id}/years`, { cookie: admin.cookie, body: calendar });
  if (year.status !== 201) throw new Error(JSON.stringify(year.body));
  return { ...tree, schoolId: tree.school.id, admin, yearId: year.body.id as number, calendar };
}
