/**
 * The dashboards of the region, a municipality and a school. Region and
 * municipality read only maintained rows (school_counters, weekly_totals,
 * confirmations): their cost does not grow with people or marks.
 */
import type { AppContext } from '../../context.js';
import type { Actor } from '../../policy/actor.js';
import { can } from '../../policy/policy.js';
import { localDate as localDateOf } from './zone.js';
import {
  emptyFigures,
  evaluateTarget,
  rank,
  ratesOf,
  sumFigures,
  totalCounts,
  type Figures,
  type TargetMilestone,
} from '../../../shared/monitoring.js';
import { fromColumns, momentAt } from './figures.js';
import type { NotActivatedPage, NotActivatedQuery } from '../../../shared/contracts/monitoring.js';
import { pageWindow, searchWords } from '../../../shared/contracts/paging.js';
import * as fq from './figures.queries.js';
import * as q from './monitoring.queries.js';
import { activationTargets } from './plan.js';
import { dueWeek, regionSettings } from './snapshots.js';
import { municipalityFor, regionFor, schoolFor } from './units.js';

export function figureView(f: Figures, date: string, targets: TargetMilestone[], planStart: string) {
  const rates = ratesOf(f);
  return { figures: f, total: totalCounts(f), rates, target: evaluateTarget(rates.activation.total, date, targets, planStart) };
}

function historyOf(rows: Array<Parameters<typeof fromColumns>[0] & { week_of: string }>) {
  return rows.map((r) => {
    const f = fromColumns(r);
    return { week: r.week_of, rates: ratesOf(f), total: totalCounts(f) };
  });
}

function latestRefresh(rows: Array<{ refreshed_at: string }>): string | null {
  return rows.reduce<string | null>((a, r) => (a === null || r.refreshed_at > a ? r.refreshed_at : a), null);
}

export async function regionDashboard(ctx: AppContext, actor: Actor, regionId: number) {
  const region = await regionFor(ctx, actor, regionId, 'monitoring.region');
  const db = ctx.db.kysely;
  const settings = regionSettings(region);
  const date = localDateOf(ctx.clock.now(), region.time_zone);
  const week = dueWeek(ctx.clock.now(), region.time_zone, settings);
  // Pre-summed rows only (≈ one per municipality): the cost does not grow with schools, people or marks.
  const [units, municipalities, targets, history, schoolConfirmed, municipalityConfirmed] = await Promise.all([
    q.unitCountersOfRegion(db, regionId),
    q.listMunicipalities(db, regionId),
    activationTargets(ctx, regionId),
    q.totalsOf(db, regionId, 'region', regionId),
    q.schoolConfirmationCounts(db, regionId, week),
    q.municipalityConfirmations(db, { regionId }, week),
  ]);
  const weeks = history.map((h) => h.week_of).reverse();
  const byUnit = new Map(units.filter((u) => u.unit_kind === 'municipality').map((u) => [u.unit_id, u]));
  const regionRow = units.find((u) => u.unit_kind === 'region');
  const confirmedSchools = new Map(schoolConfirmed.map((c) => [c.municipality_id, Number(c.n)]));
  const confirmedMunicipalities = new Map(municipalityConfirmed.map((c) => [c.municipality_id, c.confirmed_at]));
  const rows = municipalities.map((m) => {
    const u = byUnit.get(m.id);
    return { id: m.id, name: m.name, schools: u?.schools ?? 0, figures: u ? fromColumns(u) : emptyFigures() };
  });
  const ranking = rank(rows, settings.rankingWeights).map((u) => ({
    place: u.place,
    id: u.id,
    name: u.name,
    score: u.score,
    rates: ratesOf(u.figures),
  }));
  return {
    region: { id: region.id, name: region.name, timeZone: region.time_zone },
    date,
    week,
    weeks,
    refreshedAt: regionRow?.refreshed_at ?? null,
    totals: figureView(regionRow ? fromColumns(regionRow) : emptyFigures(), date, targets.byLevel.region, targets.planStart),
    municipalities: rows.map((u) => ({
      id: u.id,
      name: u.name,
      schools: u.schools,
      schoolsConfirmed: confirmedSchools.get(u.id) ?? 0,
      confirmedAt: confirmedMunicipalities.get(u.id) ?? null,
      ...figureView(u.figures, date, targets.byLevel.municipality, targets.planStart),
    })),
    ranking,
    weights: settings.rankingWeights,
    history: historyOf(history),
    targets: targets.byLevel,
    planStart: targets.planStart,
  };
}

export async function municipalityDashboard(ctx: AppContext, actor: Actor, municipalityId: number) {
  const { municipality, region } = await municipalityFor(ctx, actor, municipalityId, 'monitoring.municipality');
  const db = ctx.db.kysely;
  const date = localDateOf(ctx.clock.now(), region.time_zone);
  const week = dueWeek(ctx.clock.now(), region.time_zone, regionSettings(region));
  const [counters, schools, targets, history, confirmations, own] = await Promise.all([
    q.countersOfMunicipality(db, municipalityId),
    q.listSchools(db, municipalityId),
    activationTargets(ctx, region.id),
    q.totalsOf(db, region.id, 'municipality', municipalityId),
    q.schoolConfirmations(db, { municipalityId }, week),
    q.municipalityConfirmations(db, { municipalityId }, week),
  ]);
  const bySchool = new Map(counters.map((c) => [c.school_id, fromColumns(c)]));
  const confirmed = new Map(confirmations.map((c) => [c.school_id, c]));
  const rows = schools.map((s) => {
    const f = bySchool.get(s.id) ?? emptyFigures();
    const c = confirmed.get(s.id);
    return {
      id: s.id,
      name: s.name,
      shortName: s.short_name,
      confirmation: c ? { at: c.confirmed_at, comment: c.comment } : null,
      ...figureView(f, date, targets.byLevel.school, targets.planStart),
    };
  });
  const mine = own[0];
  return {
    region: { id: region.id, name: region.name },
    municipality: { id: municipality.id, name: municipality.name },
    date,
    week,
    refreshedAt: latestRefresh(counters),
    totals: figureView(sumFigures(rows.map((r) => r.figures)), date, targets.byLevel.municipality, targets.planStart),
    schools: rows,
    confirmation: mine ? { at: mine.confirmed_at, comment: mine.comment } : null,
    history: historyOf(history),
    targets: targets.byLevel,
    planStart: targets.planStart,
  };
}

export async function schoolDashboard(ctx: AppContext, actor: Actor, schoolId: number) {
  const { school, region } = await schoolFor(ctx, actor, schoolId, 'monitoring.school');
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const date = localDateOf(now, region.time_zone);
  const week = dueWeek(now, region.time_zone, regionSettings(region));
  const moment = momentAt(now, region.time_zone);
  // Per class is computed for this one school on request: a school-sized read, never a region scan.
  const [counter, targets, history, confirmations, classes, students, guardians] = await Promise.all([
    q.countersOfSchool(db, schoolId),
    activationTargets(ctx, region.id),
    q.schoolHistory(db, schoolId),
    q.schoolConfirmations(db, { schoolId }, week),
    fq.classesOf(db, schoolId, date),
    fq.studentCounts(db, { schoolId }, moment, true),
    fq.guardianCounts(db, { schoolId }, moment, true),
  ]);
  const per = (rows: fq.GroupRow[], classId: number) => {
    const r = rows.find((x) => Number(x.class_id) === classId);
    return r ? { population: Number(r.population), activated: Number(r.activated ?? 0), active: Number(r.active ?? 0) } : { population: 0, activated: 0, active: 0 };
  };
  const c = confirmations[0];
  return {
    region: { id: region.id, name: region.name },
    municipality: { id: school.municipality_id },
    school: { id: school.id, name: school.name },
    date,
    week,
    refreshedAt: counter?.refreshed_at ?? null,
    totals: figureView(counter ? fromColumns(counter) : emptyFigures(), date, targets.byLevel.school, targets.planStart),
    classes: classes.map((k) => {
      const s = per(students, k.id);
      const g = per(guardians, k.id);
      const population = s.population + g.population;
      const activated = s.activated + g.activated;
      return { id: k.id, name: k.name, grade: k.grade, students: s, guardians: g, population, activated, rate: population ? activated / population : 0 };
    }),
    confirmation: c ? { at: c.confirmed_at, comment: c.comment, by: `${c.surname} ${c.name}`.trim() } : null,
    history: historyOf(history),
    targets: targets.byLevel,
    planStart: targets.planStart,
    /** Names of people not yet activated are for the school's own staff only. */
    canSeeNames: can(actor, 'monitoring.school.people', { regionId: region.id, municipalityId: school.municipality_id, schoolId }),
    canConfirm: can(actor, 'reports.confirm', { regionId: region.id, municipalityId: school.municipality_id, schoolId }),
  };
}

/**
 * Pupils and guardians of a school not yet activated, a page at a time with its class, optionally
 * of one class or kind and searched by name: school staff only (municipal and regional roles get 404).
 */
export async function notActivatedPeople(ctx: AppContext, actor: Actor, schoolId: number, query: NotActivatedQuery = {}): Promise<NotActivatedPage> {
  const { region } = await schoolFor(ctx, actor, schoolId, 'monitoring.school.people');
  const window = pageWindow(query);
  const { rows, total } = await fq.notActivated(ctx.db.kysely, ctx.db.dialect, schoolId, momentAt(ctx.clock.now(), region.time_zone), {
    classId: query.classId,
    kind: query.kind,
    words: searchWords(query.q),
    limit: window.limit,
    offset: window.offset,
  });
  return {
    total,
    page: window.page,
    pageSize: window.pageSize,
    items: rows.map((r) => ({
      personId: r.person_id,
      kind: r.kind,
      name: [r.surname, r.name, r.patronymic].filter(Boolean).join(' '),
      classId: r.class_id,
      className: r.class_name,
      accountStatus: (r.status ?? 'none') as 'pending' | 'blocked' | 'none' | 'active',
    })),
  };
}
