/** SQL of the monitoring module (reads of maintained counters, snapshots, confirmations, the plan). */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Db } from '../../db/dialect.js';
import { hotQuery } from '../../db/hot.js';
import type { Database } from '../../db/schema.js';
import type { FigureColumns, RolloutMilestoneTable } from '../../db/tables/monitoring.js';

type Q = Kysely<Database>;

export const figureColumnNames = [
  'staff_population',
  'staff_activated',
  'staff_active',
  'students_population',
  'students_activated',
  'students_active',
  'guardians_population',
  'guardians_activated',
  'guardians_active',
  'lessons_past',
  'lessons_with_topic',
  'marks_entered',
  'marks_late',
  'consents',
] as const satisfies ReadonlyArray<keyof FigureColumns>;

// ------------------------------------------------------------ hierarchy

export function findRegion(db: Q, id: number) {
  return db.selectFrom('regions').select(['id', 'name', 'time_zone', 'settings', 'created_at']).where('id', '=', id).executeTakeFirst();
}

export function listRegions(db: Q) {
  return db.selectFrom('regions').select(['id', 'name', 'time_zone', 'settings', 'created_at']).orderBy('id').execute();
}

export function findMunicipality(db: Q, id: number) {
  return db.selectFrom('municipalities').select(['id', 'region_id', 'name', 'short_name']).where('id', '=', id).executeTakeFirst();
}

export function listMunicipalities(db: Q, regionId: number) {
  return db.selectFrom('municipalities').select(['id', 'region_id', 'name', 'short_name']).where('region_id', '=', regionId).orderBy('name').execute();
}

export function findSchool(db: Q, id: number) {
  return db.selectFrom('schools').select(['id', 'region_id', 'municipality_id', 'name', 'short_name']).where('id', '=', id).executeTakeFirst();
}

export function listSchools(db: Q, municipalityId: number) {
  return db.selectFrom('schools').select(['id', 'region_id', 'municipality_id', 'name', 'short_name']).where('municipality_id', '=', municipalityId).orderBy('name').execute();
}

export function updateRegionSettings(db: Q, regionId: number, settings: string) {
  return db.updateTable('regions').set({ settings }).where('id', '=', regionId).execute();
}

// ------------------------------------------------------------ counters

export function countersOfRegion(db: Q, regionId: number) {
  return db.selectFrom('school_counters').selectAll().where('region_id', '=', regionId).execute();
}

export function countersOfMunicipality(db: Q, municipalityId: number) {
  return db.selectFrom('school_counters').selectAll().where('municipality_id', '=', municipalityId).execute();
}

export function countersOfSchool(db: Q, schoolId: number) {
  return db.selectFrom('school_counters').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
}

export async function replaceCounters(db: Q, scope: { regionId?: number; schoolId?: number }, rows: Array<Insertable<Database['school_counters']>>) {
  let del = db.deleteFrom('school_counters');
  if (scope.schoolId !== undefined) del = del.where('school_id', '=', scope.schoolId);
  else del = del.where('region_id', '=', scope.regionId!);
  await del.execute();
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('school_counters').values(rows.slice(i, i + 500)).execute();
}

export function unitCountersOfRegion(db: Q, regionId: number) {
  return db.selectFrom('unit_counters').selectAll().where('region_id', '=', regionId).execute();
}

export async function replaceUnitCounters(db: Q, regionId: number, rows: Array<Insertable<Database['unit_counters']>>) {
  await db.deleteFrom('unit_counters').where('region_id', '=', regionId).execute();
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('unit_counters').values(rows.slice(i, i + 500)).execute();
}

/** How many schools of each municipality confirmed the week (counts only, for the region). */
export function schoolConfirmationCounts(db: Q, regionId: number, weekOf: string) {
  return db
    .selectFrom('school_report_confirmations')
    .select(['municipality_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('region_id', '=', regionId)
    .where('week_of', '=', weekOf)
    .groupBy('municipality_id')
    .execute();
}

/** Adds to a school's day; the row is created on the first mark of the day (upsert on both databases). */
const upsertDailyActivity = hotQuery((db) =>
  db
    .insertInto('school_daily_activity')
    .values({ school_id: 0, date: '', marks_entered: 0, marks_late: 0 })
    .onConflict((oc) =>
      oc.columns(['school_id', 'date']).doUpdateSet({
        marks_entered: sql`school_daily_activity.marks_entered + excluded.marks_entered`,
        marks_late: sql`school_daily_activity.marks_late + excluded.marks_late`,
      }),
    ),
);
/** Adds to a school's counters of a day: [schoolId, date, marksEntered, marksLate]. */
export async function addDailyActivity(db: Db, via: Q, row: [number, string, number, number]) {
  await upsertDailyActivity.run(db, row, via);
}

/** Marks of the live window straight from the daily counter (≤ 7 rows per school). */
export function dailyActivityOfRegion(db: Q, regionId: number, from: string, to: string) {
  return db
    .selectFrom('school_daily_activity as d')
    .innerJoin('schools as s', 's.id', 'd.school_id')
    .select(['d.school_id', (eb) => eb.fn.sum<number>('d.marks_entered').as('marks_entered'), (eb) => eb.fn.sum<number>('d.marks_late').as('marks_late')])
    .where('s.region_id', '=', regionId)
    .where('d.date', '>=', from)
    .where('d.date', '<=', to)
    .groupBy('d.school_id')
    .execute();
}

// ------------------------------------------------------------ snapshots

export function findRun(db: Q, regionId: number, weekOf: string) {
  return db.selectFrom('snapshot_runs').selectAll().where('region_id', '=', regionId).where('week_of', '=', weekOf).executeTakeFirst();
}

export function lastRun(db: Q, regionId: number) {
  return db.selectFrom('snapshot_runs').selectAll().where('region_id', '=', regionId).orderBy('week_of', 'desc').limit(1).executeTakeFirst();
}

export function runsOfRegion(db: Q, regionId: number) {
  return db.selectFrom('snapshot_runs').select(['week_of', 'taken_at', 'schools']).where('region_id', '=', regionId).orderBy('week_of').execute();
}

export function insertRun(db: Q, row: Insertable<Database['snapshot_runs']>) {
  return db.insertInto('snapshot_runs').values(row).execute();
}

export async function insertSnapshots(db: Q, rows: Array<Insertable<Database['weekly_snapshots']>>) {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('weekly_snapshots').values(rows.slice(i, i + 500)).execute();
}

export async function insertTotals(db: Q, rows: Array<Insertable<Database['weekly_totals']>>) {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('weekly_totals').values(rows.slice(i, i + 500)).execute();
}

export function snapshotsOfMunicipality(db: Q, municipalityId: number, weekOf: string) {
  return db.selectFrom('weekly_snapshots').selectAll().where('municipality_id', '=', municipalityId).where('week_of', '=', weekOf).execute();
}

export function snapshotsOfRegion(db: Q, regionId: number, weekOf: string) {
  return db.selectFrom('weekly_snapshots').selectAll().where('region_id', '=', regionId).where('week_of', '=', weekOf).execute();
}

export function snapshotOfSchool(db: Q, schoolId: number, weekOf: string) {
  return db.selectFrom('weekly_snapshots').selectAll().where('school_id', '=', schoolId).where('week_of', '=', weekOf).executeTakeFirst();
}

export function schoolHistory(db: Q, schoolId: number) {
  return db.selectFrom('weekly_snapshots').selectAll().where('school_id', '=', schoolId).orderBy('week_of').execute();
}

/** Pre-summed weekly figures of a region's units (one row per unit and week). */
export function totalsOf(db: Q, regionId: number, unitKind: 'region' | 'municipality', unitId?: number, weekOf?: string) {
  let query = db.selectFrom('weekly_totals').selectAll().where('region_id', '=', regionId).where('unit_kind', '=', unitKind);
  if (unitId !== undefined) query = query.where('unit_id', '=', unitId);
  if (weekOf !== undefined) query = query.where('week_of', '=', weekOf);
  return query.orderBy('week_of').execute();
}

// ------------------------------------------------------------ confirmations

export function schoolConfirmations(db: Q, filter: { municipalityId?: number; regionId?: number; schoolId?: number }, weekOf: string) {
  let query = db
    .selectFrom('school_report_confirmations as c')
    .innerJoin('persons as p', 'p.id', 'c.confirmed_by')
    .select(['c.school_id', 'c.municipality_id', 'c.week_of', 'c.comment', 'c.confirmed_at', 'p.surname', 'p.name', 'p.patronymic'])
    .where('c.week_of', '=', weekOf);
  if (filter.schoolId !== undefined) query = query.where('c.school_id', '=', filter.schoolId);
  if (filter.municipalityId !== undefined) query = query.where('c.municipality_id', '=', filter.municipalityId);
  if (filter.regionId !== undefined) query = query.where('c.region_id', '=', filter.regionId);
  return query.execute();
}

export function municipalityConfirmations(db: Q, filter: { municipalityId?: number; regionId?: number }, weekOf: string) {
  let query = db
    .selectFrom('municipality_report_confirmations as c')
    .innerJoin('persons as p', 'p.id', 'c.confirmed_by')
    .select(['c.municipality_id', 'c.week_of', 'c.comment', 'c.confirmed_at', 'p.surname', 'p.name', 'p.patronymic'])
    .where('c.week_of', '=', weekOf);
  if (filter.municipalityId !== undefined) query = query.where('c.municipality_id', '=', filter.municipalityId);
  if (filter.regionId !== undefined) query = query.where('c.region_id', '=', filter.regionId);
  return query.execute();
}

export function insertSchoolConfirmation(db: Q, row: Insertable<Database['school_report_confirmations']>) {
  return db.insertInto('school_report_confirmations').values(row).execute();
}

export function insertMunicipalityConfirmation(db: Q, row: Insertable<Database['municipality_report_confirmations']>) {
  return db.insertInto('municipality_report_confirmations').values(row).execute();
}

// ------------------------------------------------------------ plan

export function milestonesOf(db: Q, regionId: number) {
  return db.selectFrom('rollout_milestones').selectAll().where('region_id', '=', regionId).orderBy('level').orderBy('position').orderBy('id').execute();
}

export function findMilestone(db: Q, id: number) {
  return db.selectFrom('rollout_milestones').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertMilestones(db: Q, rows: Array<Insertable<RolloutMilestoneTable>>) {
  return db.insertInto('rollout_milestones').values(rows).returning('id').execute();
}

export function updateMilestone(db: Q, id: number, patch: Partial<Omit<RolloutMilestoneTable, 'id'>>) {
  return db.updateTable('rollout_milestones').set(patch).where('id', '=', id).execute();
}

export function deleteMilestonesOf(db: Q, regionId: number) {
  return db.deleteFrom('rollout_milestones').where('region_id', '=', regionId).execute();
}

export function countMilestones(db: Q, regionId: number) {
  return db.selectFrom('rollout_milestones').select((eb) => eb.fn.countAll<number>().as('n')).where('region_id', '=', regionId).executeTakeFirstOrThrow();
}
