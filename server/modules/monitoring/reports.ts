/**
 * The weekly report chain (order, items 6.7 and 5.4): a school's frozen week,
 * confirmed by its admin; the municipality's summary with which schools
 * confirmed, confirmed by its officer; the region's whole week.
 */
import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { rank, ratesOf, totalCounts, type Figures } from '../../../shared/monitoring.js';
import type { ConfirmBody } from '../../../shared/contracts/monitoring.js';
import { fromColumns } from './figures.js';
import * as q from './monitoring.queries.js';
import { regionSettings } from './snapshots.js';
import { checkWeek, municipalityFor, regionFor, schoolFor } from './units.js';

const view = (f: Figures) => ({ figures: f, total: totalCounts(f), rates: ratesOf(f) });
const personName = (c: { surname: string; name: string; patronymic: string }) => [c.surname, c.name, c.patronymic].filter(Boolean).join(' ');

export async function schoolWeek(ctx: AppContext, actor: Actor, schoolId: number, week: string | undefined) {
  const { school, region } = await schoolFor(ctx, actor, schoolId, 'monitoring.school');
  const weekOf = checkWeek(ctx, region, week);
  const db = ctx.db.kysely;
  const [snapshot, confirmations] = await Promise.all([q.snapshotOfSchool(db, schoolId, weekOf), q.schoolConfirmations(db, { schoolId }, weekOf)]);
  const c = confirmations[0];
  return {
    week: weekOf,
    school: { id: school.id, name: school.name },
    taken: !!snapshot,
    takenAt: snapshot?.taken_at ?? null,
    ...(snapshot ? view(fromColumns(snapshot)) : { figures: null, total: null, rates: null }),
    confirmation: c ? { at: c.confirmed_at, comment: c.comment, by: personName(c) } : null,
  };
}

export async function municipalityWeek(ctx: AppContext, actor: Actor, municipalityId: number, week: string | undefined) {
  const { municipality, region } = await municipalityFor(ctx, actor, municipalityId, 'monitoring.municipality');
  const weekOf = checkWeek(ctx, region, week);
  const db = ctx.db.kysely;
  const [schools, snapshots, totals, confirmations, own] = await Promise.all([
    q.listSchools(db, municipalityId),
    q.snapshotsOfMunicipality(db, municipalityId, weekOf),
    q.totalsOf(db, region.id, 'municipality', municipalityId, weekOf),
    q.schoolConfirmations(db, { municipalityId }, weekOf),
    q.municipalityConfirmations(db, { municipalityId }, weekOf),
  ]);
  const bySchool = new Map(snapshots.map((s) => [s.school_id, s]));
  const confirmed = new Map(confirmations.map((c) => [c.school_id, c]));
  const mine = own[0];
  return {
    week: weekOf,
    municipality: { id: municipality.id, name: municipality.name },
    taken: totals.length > 0,
    ...(totals[0] ? view(fromColumns(totals[0])) : { figures: null, total: null, rates: null }),
    schools: schools.map((s) => {
      const snap = bySchool.get(s.id);
      const c = confirmed.get(s.id);
      return {
        id: s.id,
        name: s.name,
        ...(snap ? view(fromColumns(snap)) : { figures: null, total: null, rates: null }),
        // Who confirmed is a person's name: the municipality sees that the school confirmed, when, and the comment.
        confirmation: c ? { at: c.confirmed_at, comment: c.comment } : null,
      };
    }),
    confirmation: mine ? { at: mine.confirmed_at, comment: mine.comment } : null,
  };
}

export async function regionWeek(ctx: AppContext, actor: Actor, regionId: number, week: string | undefined) {
  const region = await regionFor(ctx, actor, regionId, 'monitoring.region');
  const weekOf = checkWeek(ctx, region, week);
  const db = ctx.db.kysely;
  const [municipalities, regionTotal, totals, schoolConfirmations, confirmations] = await Promise.all([
    q.listMunicipalities(db, regionId),
    q.totalsOf(db, regionId, 'region', regionId, weekOf),
    q.totalsOf(db, regionId, 'municipality', undefined, weekOf),
    q.schoolConfirmations(db, { regionId }, weekOf),
    q.municipalityConfirmations(db, { regionId }, weekOf),
  ]);
  const byMunicipality = new Map(totals.map((t) => [t.unit_id, t]));
  const confirmedSchools = new Map<number, number>();
  for (const c of schoolConfirmations) confirmedSchools.set(c.municipality_id, (confirmedSchools.get(c.municipality_id) ?? 0) + 1);
  const confirmed = new Map(confirmations.map((c) => [c.municipality_id, c]));
  const units = municipalities.map((m) => ({ id: m.id, name: m.name, figures: byMunicipality.has(m.id) ? fromColumns(byMunicipality.get(m.id)!) : null }));
  const ranking = rank(
    units.filter((u) => u.figures).map((u) => ({ id: u.id, name: u.name, figures: u.figures! })),
    regionSettings(region).rankingWeights,
  ).map((u) => ({ place: u.place, id: u.id, name: u.name, score: u.score, rates: ratesOf(u.figures) }));
  return {
    week: weekOf,
    region: { id: region.id, name: region.name },
    taken: regionTotal.length > 0,
    ...(regionTotal[0] ? view(fromColumns(regionTotal[0])) : { figures: null, total: null, rates: null }),
    municipalities: units.map((u) => {
      const c = confirmed.get(u.id);
      return {
        id: u.id,
        name: u.name,
        schools: byMunicipality.get(u.id)?.schools ?? 0,
        schoolsConfirmed: confirmedSchools.get(u.id) ?? 0,
        ...(u.figures ? view(u.figures) : { figures: null, total: null, rates: null }),
        confirmation: c ? { at: c.confirmed_at, comment: c.comment } : null,
      };
    }),
    ranking,
    weights: regionSettings(region).rankingWeights,
  };
}

/** The school admin (or director) confirms the school's frozen week; once only (409). */
export async function confirmSchoolWeek(ctx: AppContext, actor: Actor, schoolId: number, week: string, input: ConfirmBody) {
  const { school, region } = await schoolFor(ctx, actor, schoolId, 'reports.confirm');
  const weekOf = checkWeek(ctx, region, week);
  const db = ctx.db.kysely;
  if (!(await q.snapshotOfSchool(db, schoolId, weekOf))) throw new AppError('snapshot_not_taken', { field: '/params/week' });
  await recordSchoolConfirmation(ctx, { school, weekOf, personId: actor.personId, comment: input.comment });
  return schoolWeek(ctx, actor, schoolId, weekOf);
}

/** Writes a school's confirmation (also used by the demo generator); a second one for the week is a 409. */
export async function recordSchoolConfirmation(
  ctx: AppContext,
  input: { school: { id: number; municipality_id: number; region_id: number }; weekOf: string; personId: number; comment: string },
) {
  try {
    await ctx.db.kysely.transaction().execute((trx) =>
      q.insertSchoolConfirmation(trx, {
        school_id: input.school.id,
        municipality_id: input.school.municipality_id,
        region_id: input.school.region_id,
        week_of: input.weekOf,
        comment: input.comment.trim(),
        confirmed_by: input.personId,
        confirmed_at: ctx.clock.now().toISOString(),
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('report_already_confirmed', { field: '/params/week' });
    throw error;
  }
}

/** The municipal officer confirms the municipality's summary of the week; once only (409). */
export async function confirmMunicipalityWeek(ctx: AppContext, actor: Actor, municipalityId: number, week: string, input: ConfirmBody) {
  const { municipality, region } = await municipalityFor(ctx, actor, municipalityId, 'reports.confirm.municipality');
  const weekOf = checkWeek(ctx, region, week);
  const db = ctx.db.kysely;
  if ((await q.totalsOf(db, region.id, 'municipality', municipalityId, weekOf)).length === 0) throw new AppError('snapshot_not_taken', { field: '/params/week' });
  try {
    await db.transaction().execute((trx) =>
      q.insertMunicipalityConfirmation(trx, {
        municipality_id: municipality.id,
        region_id: region.id,
        week_of: weekOf,
        comment: input.comment.trim(),
        confirmed_by: actor.personId,
        confirmed_at: ctx.clock.now().toISOString(),
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('report_already_confirmed', { field: '/params/week' });
    throw error;
  }
  return municipalityWeek(ctx, actor, municipalityId, weekOf);
}

/** Weeks with a snapshot, newest first (the week pickers). */
export async function reportWeeks(ctx: AppContext, regionId: number): Promise<string[]> {
  return (await q.runsOfRegion(ctx.db.kysely, regionId)).map((r) => r.week_of).reverse();
}
