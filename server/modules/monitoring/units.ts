/** Loads a region, municipality or school for a monitoring request and checks the actor's scope (404 outside it). */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import type { Permission } from '../../policy/permissions.js';
import { assertCan } from '../../policy/policy.js';
import { isLocalDate } from '../../../shared/dates.js';
import { isoWeekday } from '../../../shared/dates.js';
import { dueWeek, regionSettings } from './snapshots.js';
import * as q from './monitoring.queries.js';

export async function regionFor(ctx: AppContext, actor: Actor, regionId: number, permission: Permission) {
  const region = await q.findRegion(ctx.db.kysely, regionId);
  if (!region) throw new AppError('region_not_found', { field: '/params/id' });
  assertCan(actor, permission, { regionId });
  return region;
}

export async function municipalityFor(ctx: AppContext, actor: Actor, municipalityId: number, permission: Permission) {
  const municipality = await q.findMunicipality(ctx.db.kysely, municipalityId);
  if (!municipality) throw new AppError('municipality_not_found', { field: '/params/id' });
  assertCan(actor, permission, { regionId: municipality.region_id, municipalityId });
  const region = (await q.findRegion(ctx.db.kysely, municipality.region_id))!;
  return { municipality, region };
}

export async function schoolFor(ctx: AppContext, actor: Actor, schoolId: number, permission: Permission) {
  const school = await q.findSchool(ctx.db.kysely, schoolId);
  if (!school) throw new AppError('school_not_found', { field: '/params/id' });
  assertCan(actor, permission, { regionId: school.region_id, municipalityId: school.municipality_id, schoolId });
  const region = (await q.findRegion(ctx.db.kysely, school.region_id))!;
  return { school, region };
}

/**
 * A report week asked for: a snapshot-weekday date not after the latest due
 * week (a week in the future is refused with 400). Without one, the latest due week.
 */
export function checkWeek(ctx: AppContext, region: { time_zone: string; settings: string }, week: string | undefined, field = '/params/week'): string {
  const settings = regionSettings(region);
  const due = dueWeek(ctx.clock.now(), region.time_zone, settings);
  if (week === undefined) return due;
  if (!isLocalDate(week) || isoWeekday(week) !== settings.snapshotWeekday) {
    throw new AppError('validation_failed', { field, detail: `a report week is named by its snapshot day (ISO weekday ${settings.snapshotWeekday})` });
  }
  if (week > due) throw new AppError('week_in_future', { field, detail: `the latest report week is ${due}` });
  return week;
}
