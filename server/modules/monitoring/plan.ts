/**
 * The rollout plan: milestones per level with deadlines and responsible roles.
 * Automatic milestones are evaluated from the maintained counters; manual ones
 * are marked done with a date and a note.
 */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { localDate as localDateOf } from './zone.js';
import type { CreateMilestoneBody, UpdateMilestoneBody } from '../../../shared/contracts/monitoring.js';
import {
  combineStatuses,
  milestoneStatus,
  ratesOf,
  sortMilestones,
  sumFigures,
  type Figures,
  type PlanLevel,
  type TargetMilestone,
  type TargetStatus,
} from '../../../shared/monitoring.js';
import type { RolloutMilestoneTable } from '../../db/tables/monitoring.js';
import { fromColumns } from './figures.js';
import { appendix1Rows } from './plan-seed.js';
import * as q from './monitoring.queries.js';
import { regionFor } from './units.js';

type MilestoneRow = Omit<RolloutMilestoneTable, 'id'> & { id: number };

/**
 * Gives a region the plan of appendix 1, starting on `start` (default: the
 * region's local date today). Does nothing when the region already has a plan,
 * unless `replace` (the demo re-dates it).
 */
export async function seedRegionPlan(ctx: AppContext, regionId: number, options: { start?: string; replace?: boolean } = {}): Promise<void> {
  const db = ctx.db.kysely;
  const region = await q.findRegion(db, regionId);
  if (!region) throw new AppError('region_not_found');
  const start = options.start ?? localDateOf(ctx.clock.now(), region.time_zone);
  await db.transaction().execute(async (trx) => {
    if (options.replace) await q.deleteMilestonesOf(trx, regionId);
    else if (Number((await q.countMilestones(trx, regionId)).n) > 0) return;
    await q.insertMilestones(trx, appendix1Rows(regionId, start, ctx.clock.now().toISOString()));
  });
}

/** Activation milestones of each level, sorted by deadline; the plan's start is its earliest date. */
export async function activationTargets(ctx: AppContext, regionId: number) {
  const rows = await q.milestonesOf(ctx.db.kysely, regionId);
  return targetsOf(rows);
}

function targetsOf(rows: MilestoneRow[]) {
  const byLevel: Record<PlanLevel, TargetMilestone[]> = { region: [], municipality: [], school: [] };
  for (const r of rows) {
    if (r.kind === 'automatic' && r.metric === 'activation' && r.target != null) byLevel[r.level].push({ id: r.id, target: Number(r.target), deadline: r.deadline });
  }
  for (const level of Object.keys(byLevel) as PlanLevel[]) byLevel[level] = sortMilestones(byLevel[level]);
  const dates = rows.flatMap((r) => [r.starts_on ?? r.deadline, r.deadline]).sort();
  return { byLevel, planStart: dates[0] ?? '1970-01-01' };
}

export type ManualStatus = 'done' | 'open' | 'upcoming' | 'overdue';

export interface MilestoneView {
  id: number;
  level: PlanLevel;
  position: number;
  text: string;
  startsOn: string | null;
  deadline: string;
  responsible: string;
  responsibleRole: string;
  kind: 'automatic' | 'manual';
  target: number | null;
  done: { on: string; note: string } | null;
  status: TargetStatus | ManualStatus;
  /** Automatic milestones: how many units (the region, its municipalities, its schools) are in each status. */
  units: Record<TargetStatus, number> | null;
}

/** The region's plan with every milestone's status on the region's local date today. */
export async function regionPlan(ctx: AppContext, actor: Actor, regionId: number): Promise<{ date: string; planStart: string; milestones: MilestoneView[] }> {
  const region = await regionFor(ctx, actor, regionId, 'monitoring.region');
  const db = ctx.db.kysely;
  const date = localDateOf(ctx.clock.now(), region.time_zone);
  const [rows, counters] = await Promise.all([q.milestonesOf(db, regionId), q.countersOfRegion(db, regionId)]);
  const { byLevel, planStart } = targetsOf(rows);
  const schoolRates = counters.map((c) => ({ municipalityId: c.municipality_id, figures: fromColumns(c) }));
  const byMunicipality = new Map<number, Figures[]>();
  for (const s of schoolRates) byMunicipality.set(s.municipalityId, [...(byMunicipality.get(s.municipalityId) ?? []), s.figures]);
  for (const m of await q.listMunicipalities(db, regionId)) if (!byMunicipality.has(m.id)) byMunicipality.set(m.id, []);
  const unitRates: Record<PlanLevel, number[]> = {
    region: [ratesOf(sumFigures(schoolRates.map((s) => s.figures))).activation.total],
    municipality: [...byMunicipality.values()].map((list) => ratesOf(sumFigures(list)).activation.total),
    school: schoolRates.map((s) => ratesOf(s.figures).activation.total),
  };
  const milestones = rows.map((r): MilestoneView => {
    const base = {
      id: r.id,
      level: r.level,
      position: r.position,
      text: r.text,
      startsOn: r.starts_on,
      deadline: r.deadline,
      responsible: r.responsible,
      responsibleRole: r.responsible_role,
      kind: r.kind,
      target: r.target == null ? null : Number(r.target),
      done: r.done_on ? { on: r.done_on, note: r.done_note } : null,
    };
    if (r.kind === 'automatic' && r.target != null) {
      const list = byLevel[r.level];
      const i = list.findIndex((m) => m.id === r.id);
      const units: Record<TargetStatus, number> = { met: 0, on_track: 0, at_risk: 0, overdue: 0 };
      const statuses = unitRates[r.level].map((rate) => milestoneStatus(rate, date, list[i]!, i > 0 ? list[i - 1]! : null, planStart).status);
      for (const s of statuses) units[s]++;
      return { ...base, status: statuses.length ? combineStatuses(statuses) : 'met', units };
    }
    const status: ManualStatus = r.done_on ? 'done' : date > r.deadline ? 'overdue' : r.starts_on && date < r.starts_on ? 'upcoming' : 'open';
    return { ...base, status, units: null };
  });
  return { date, planStart, milestones };
}

/** Automatic milestones of a level, ordered by target, must not fall due before a lower target. */
function checkOrder(rows: Array<Pick<MilestoneRow, 'id' | 'level' | 'kind' | 'target' | 'deadline'>>, changed: { id: number; level: string; deadline: string; target: number | null }) {
  const same = rows.filter((r) => r.kind === 'automatic' && r.level === changed.level && r.id !== changed.id && r.target != null);
  if (changed.target == null) return;
  for (const r of same) {
    const t = Number(r.target);
    if ((t < changed.target && r.deadline > changed.deadline) || (t > changed.target && r.deadline < changed.deadline)) {
      throw new AppError('plan_deadline_order', {
        field: '/body/deadline',
        detail: `the ${Math.round(t * 100)} % milestone is due ${r.deadline}; a ${Math.round(changed.target * 100)} % milestone cannot be due ${changed.deadline}`,
      });
    }
  }
}

export async function addMilestone(ctx: AppContext, actor: Actor, regionId: number, input: CreateMilestoneBody): Promise<MilestoneView> {
  await regionFor(ctx, actor, regionId, 'plan.manage');
  if (input.kind === 'automatic' && input.target === undefined) throw new AppError('validation_failed', { field: '/body/target', detail: 'an automatic milestone needs a target' });
  if (input.kind === 'manual' && input.target !== undefined) throw new AppError('validation_failed', { field: '/body/target', detail: 'a manual milestone has no target' });
  if (input.startsOn && input.startsOn > input.deadline) throw new AppError('validation_failed', { field: '/body/startsOn', detail: 'starts after its deadline' });
  const db = ctx.db.kysely;
  const id = await db.transaction().execute(async (trx) => {
    const rows = await q.milestonesOf(trx, regionId);
    checkOrder(rows, { id: 0, level: input.level, deadline: input.deadline, target: input.target ?? null });
    const position = Math.max(0, ...rows.filter((r) => r.level === input.level).map((r) => r.position)) + 1;
    const [inserted] = await q.insertMilestones(trx, [
      {
        region_id: regionId,
        level: input.level,
        position,
        text: input.text.trim(),
        starts_on: input.startsOn ?? null,
        deadline: input.deadline,
        responsible: input.responsible.trim(),
        responsible_role: input.responsibleRole,
        kind: input.kind,
        metric: input.kind === 'automatic' ? 'activation' : null,
        target: input.target ?? null,
        done_on: null,
        done_note: '',
        done_by: null,
        created_at: ctx.clock.now().toISOString(),
      },
    ]);
    return inserted!.id;
  });
  return (await regionPlan(ctx, actor, regionId)).milestones.find((m) => m.id === id)!;
}

export async function updateMilestone(ctx: AppContext, actor: Actor, milestoneId: number, input: UpdateMilestoneBody): Promise<MilestoneView> {
  const db = ctx.db.kysely;
  const row = await q.findMilestone(db, milestoneId);
  if (!row) throw new AppError('not_found', { field: '/params/id' });
  await regionFor(ctx, actor, row.region_id, 'plan.manage');
  if (input.target !== undefined && row.kind !== 'automatic') throw new AppError('validation_failed', { field: '/body/target', detail: 'a manual milestone has no target' });
  if (input.done !== undefined && row.kind !== 'manual') throw new AppError('validation_failed', { field: '/body/done', detail: 'an automatic milestone is evaluated from the data' });
  const deadline = input.deadline ?? row.deadline;
  const startsOn = input.startsOn === undefined ? row.starts_on : input.startsOn;
  if (startsOn && startsOn > deadline) throw new AppError('validation_failed', { field: input.startsOn !== undefined ? '/body/startsOn' : '/body/deadline', detail: 'starts after its deadline' });
  if (input.done && input.done.on > localDateOf(ctx.clock.now(), (await q.findRegion(db, row.region_id))!.time_zone)) {
    throw new AppError('validation_failed', { field: '/body/done/on', detail: 'cannot be done in the future' });
  }
  await db.transaction().execute(async (trx) => {
    checkOrder(await q.milestonesOf(trx, row.region_id), { id: row.id, level: row.level, deadline, target: input.target ?? (row.target == null ? null : Number(row.target)) });
    await q.updateMilestone(trx, milestoneId, {
      ...(input.text !== undefined ? { text: input.text.trim() } : {}),
      ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
      ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
      ...(input.responsible !== undefined ? { responsible: input.responsible.trim() } : {}),
      ...(input.responsibleRole !== undefined ? { responsible_role: input.responsibleRole } : {}),
      ...(input.target !== undefined ? { target: input.target } : {}),
      ...(input.done !== undefined
        ? input.done === null
          ? { done_on: null, done_note: '', done_by: null }
          : { done_on: input.done.on, done_note: input.done.note.trim(), done_by: actor.personId || null }
        : {}),
    });
  });
  return (await regionPlan(ctx, actor, row.region_id)).milestones.find((m) => m.id === milestoneId)!;
}

/** Regions created before the plan existed (or by an older version) get appendix 1 from today. */
export async function ensurePlans(ctx: AppContext): Promise<void> {
  for (const region of await q.listRegions(ctx.db.kysely)) await seedRegionPlan(ctx, region.id);
}
