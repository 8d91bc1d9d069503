/**
 * Maintained counters and weekly snapshots. Both compute figures in bulk SQL
 * for a whole region; the counters are replaced in place (dashboards read
 * them), the snapshots are frozen once per region and week (history).
 */
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { addDays } from '../../../shared/dates.js';
import { lastWeekdayOnOrBefore, sumFigures } from '../../../shared/monitoring.js';
import { defaultRegionSettings, readSettings, type RegionSettings } from '../../../shared/settings.js';
import { computeFigures, fromColumns, momentAt, toColumns } from './figures.js';
import * as q from './monitoring.queries.js';
import { localDate, zonedInstant } from './zone.js';

export { localDate, zonedInstant };

export function regionSettings(region: { settings: string }): RegionSettings {
  return readSettings(defaultRegionSettings, region.settings);
}

/** The latest report week whose snapshot time has come (a snapshot-weekday date). */
export function dueWeek(now: Date, timeZone: string, settings: RegionSettings): string {
  const today = localDate(now, timeZone);
  const week = lastWeekdayOnOrBefore(today, settings.snapshotWeekday);
  return now < zonedInstant(week, settings.snapshotHour, timeZone) ? addDays(week, -7) : week;
}

/** Recomputes the maintained counters of a region, or of one school (e.g. after a batch of activations). */
export async function refreshCounters(ctx: AppContext, scope: { regionId: number } | { schoolId: number }): Promise<number> {
  const db = ctx.db.kysely;
  const regionId = 'regionId' in scope ? scope.regionId : (await q.findSchool(db, scope.schoolId))?.region_id;
  if (regionId === undefined) return 0;
  const region = await q.findRegion(db, regionId);
  if (!region) return 0;
  const now = ctx.clock.now();
  const moment = momentAt(now, region.time_zone);
  const figures = await computeFigures(db, 'schoolId' in scope ? { schoolId: scope.schoolId } : { regionId }, moment);
  const rows = figures.map((s) => ({
    school_id: s.schoolId,
    region_id: s.regionId,
    municipality_id: s.municipalityId,
    refreshed_at: now.toISOString(),
    ...toColumns(s.figures),
  }));
  await db.transaction().execute(async (trx) => {
    await q.replaceCounters(trx, 'schoolId' in scope ? { schoolId: scope.schoolId } : { regionId }, rows);
    // The sums the region dashboard reads, from all the region's school counters.
    const all = (await q.countersOfRegion(trx, regionId)).map((c) => ({ municipalityId: c.municipality_id, figures: fromColumns(c) }));
    const municipalities = await q.listMunicipalities(trx, regionId);
    const at = now.toISOString();
    await q.replaceUnitCounters(trx, regionId, [
      { region_id: regionId, unit_kind: 'region', unit_id: regionId, schools: all.length, refreshed_at: at, ...toColumns(sumFigures(all.map((s) => s.figures))) },
      ...municipalities.map((m) => {
        const list = all.filter((s) => s.municipalityId === m.id);
        return { region_id: regionId, unit_kind: 'municipality' as const, unit_id: m.id, schools: list.length, refreshed_at: at, ...toColumns(sumFigures(list.map((s) => s.figures))) };
      }),
    ]);
  });
  return rows.length;
}

export interface SnapshotResult {
  weekOf: string;
  taken: boolean;
  schools: number;
}

/**
 * Freezes the week's figures of every school of the region, with their sums
 * per municipality and for the region. Idempotent: a week already taken (the
 * unique run row) is left exactly as it is.
 */
export async function takeSnapshot(ctx: AppContext, regionId: number, weekOf: string): Promise<SnapshotResult> {
  const db = ctx.db.kysely;
  if (await q.findRun(db, regionId, weekOf)) return { weekOf, taken: false, schools: 0 };
  const region = await q.findRegion(db, regionId);
  if (!region) return { weekOf, taken: false, schools: 0 };
  const settings = regionSettings(region);
  const dueAt = zonedInstant(weekOf, settings.snapshotHour, region.time_zone);
  const figures = await computeFigures(db, { regionId }, momentAt(dueAt, region.time_zone));
  const takenAt = ctx.clock.now().toISOString();
  const byMunicipality = new Map<number, typeof figures>();
  for (const s of figures) byMunicipality.set(s.municipalityId, [...(byMunicipality.get(s.municipalityId) ?? []), s]);
  const municipalities = await q.listMunicipalities(db, regionId);
  try {
    await db.transaction().execute(async (trx) => {
      await q.insertRun(trx, { region_id: regionId, week_of: weekOf, due_at: dueAt.toISOString(), taken_at: takenAt, schools: figures.length });
      await q.insertSnapshots(
        trx,
        figures.map((s) => ({ school_id: s.schoolId, region_id: regionId, municipality_id: s.municipalityId, week_of: weekOf, taken_at: takenAt, ...toColumns(s.figures) })),
      );
      await q.insertTotals(trx, [
        { region_id: regionId, unit_kind: 'region', unit_id: regionId, week_of: weekOf, schools: figures.length, ...toColumns(sumFigures(figures.map((s) => s.figures))) },
        ...municipalities.map((m) => {
          const list = byMunicipality.get(m.id) ?? [];
          return { region_id: regionId, unit_kind: 'municipality' as const, unit_id: m.id, week_of: weekOf, schools: list.length, ...toColumns(sumFigures(list.map((s) => s.figures))) };
        }),
      ]);
    });
  } catch (error) {
    // Another process took the same week at the same moment: its rows stand.
    if (isUniqueViolation(error)) return { weekOf, taken: false, schools: 0 };
    throw error;
  }
  return { weekOf, taken: true, schools: figures.length };
}

/** At most this many missed weeks are caught up at once (a server switched off for a year). */
const MAX_CATCH_UP = 52;

/**
 * Takes every due week not yet taken: the current one, and the weeks missed
 * since the region's last run (caught up at start). A region with no run yet
 * starts with the current due week.
 */
export async function runDueSnapshots(ctx: AppContext): Promise<SnapshotResult[]> {
  const results: SnapshotResult[] = [];
  for (const region of await q.listRegions(ctx.db.kysely)) {
    const due = dueWeek(ctx.clock.now(), region.time_zone, regionSettings(region));
    const last = await q.lastRun(ctx.db.kysely, region.id);
    const weeks: string[] = [];
    for (let w = due; weeks.length < MAX_CATCH_UP && (!last ? weeks.length === 0 : w > last.week_of); w = addDays(w, -7)) weeks.unshift(w);
    for (const week of weeks) results.push(await takeSnapshot(ctx, region.id, week));
  }
  return results;
}

export async function refreshAllCounters(ctx: AppContext): Promise<void> {
  for (const region of await q.listRegions(ctx.db.kysely)) await refreshCounters(ctx, { regionId: region.id });
}
