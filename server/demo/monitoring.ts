/**
 * Demo part of rollout monitoring (after every other part; reads the DB):
 * the plan of appendix 1 dated from the academic year's start, a weekly
 * snapshot for every past Wednesday (activation as of each week follows the
 * accounts' activated_at), confirmations of past weeks by most schools and
 * municipalities, and fresh counters. The latest week is left unconfirmed.
 */
import type { AppContext } from '../context.js';
import { addDays } from '../../shared/dates.js';
import { defaultRegionSettings, readSettings } from '../../shared/settings.js';
import * as monitoring from '../modules/monitoring/monitoring.service.js';
import { allSchools, type DemoRegion } from './plan.js';
import type { Random } from './random.js';

export async function generateMonitoring(ctx: AppContext, rnd: Random, region: DemoRegion, yearStart: string): Promise<{ weeks: string[] }> {
  const db = ctx.db.kysely;
  await monitoring.seedRegionPlan(ctx, region.id, { start: yearStart, replace: true });
  const regionRow = await db.selectFrom('regions').select(['time_zone', 'settings']).where('id', '=', region.id).executeTakeFirstOrThrow();
  const due = monitoring.dueWeek(ctx.clock.now(), regionRow.time_zone, readSettings(defaultRegionSettings, regionRow.settings));
  const weeks: string[] = [];
  for (let w = due; w > yearStart && weeks.length < 52; w = addDays(w, -7)) weeks.unshift(w);
  for (const week of weeks) await monitoring.takeSnapshot(ctx, region.id, week);

  // Who confirms: the school's ЭЖД admin; the municipality's officer when the accounts part made one.
  const officers = await db
    .selectFrom('grants')
    .select(['person_id', 'municipality_id'])
    .where('role', '=', 'municipal_officer')
    .where('revoked_at', 'is', null)
    .execute();
  for (const week of weeks.slice(0, -1)) {
    for (const school of allSchools(region)) {
      const admin = school.staff.find((s) => s.role === 'school_admin');
      if (!admin || !rnd.chance(0.8)) continue;
      await monitoring.recordSchoolConfirmation(ctx, {
        school: { id: school.id, municipality_id: school.municipalityId, region_id: region.id },
        weekOf: week,
        personId: admin.personId,
        comment: rnd.chance(0.3) ? 'Данные сверены с журналами классов' : '',
      });
    }
    for (const m of region.municipalities) {
      const officer = officers.find((o) => o.municipality_id === m.id);
      if (!officer || !rnd.chance(0.85)) continue;
      await db
        .insertInto('municipality_report_confirmations')
        .values({ municipality_id: m.id, region_id: region.id, week_of: week, comment: 'Сводный отчёт направлен в ЦИТОиДО', confirmed_by: officer.person_id, confirmed_at: ctx.clock.now().toISOString() })
        .execute();
    }
  }
  await monitoring.refreshCounters(ctx, { regionId: region.id });
  return { weeks };
}
