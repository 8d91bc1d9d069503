/** «Самые активные МОУО»: the ranking's weekly history and its weights (region settings). */
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policy/actor.js';
import { rank, ratesOf } from '../../../shared/monitoring.js';
import type { RankingWeightsBody } from '../../../shared/contracts/monitoring.js';
import { fromColumns } from './figures.js';
import * as q from './monitoring.queries.js';
import { regionSettings } from './snapshots.js';
import { regionFor } from './units.js';

/** The ranking of every snapshot week, from the frozen municipality sums, with today's weights. */
export async function rankingHistory(ctx: AppContext, actor: Actor, regionId: number) {
  const region = await regionFor(ctx, actor, regionId, 'monitoring.region');
  const db = ctx.db.kysely;
  const weights = regionSettings(region).rankingWeights;
  const [municipalities, totals] = await Promise.all([q.listMunicipalities(db, regionId), q.totalsOf(db, regionId, 'municipality')]);
  const names = new Map(municipalities.map((m) => [m.id, m.name]));
  const byWeek = new Map<string, typeof totals>();
  for (const t of totals) byWeek.set(t.week_of, [...(byWeek.get(t.week_of) ?? []), t]);
  return {
    weights,
    weeks: [...byWeek.entries()]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([week, rows]) => ({
        week,
        ranking: rank(
          rows.map((r) => ({ id: r.unit_id, name: names.get(r.unit_id) ?? String(r.unit_id), figures: fromColumns(r) })),
          weights,
        ).map((u) => ({ place: u.place, id: u.id, name: u.name, score: u.score, rates: ratesOf(u.figures) })),
      })),
  };
}

/** The region coordinator sets the weights; they must add up to 1 so that the score stays a share. */
export async function setRankingWeights(ctx: AppContext, actor: Actor, regionId: number, input: RankingWeightsBody) {
  const region = await regionFor(ctx, actor, regionId, 'plan.manage');
  const sum = input.activation + input.activity + input.topics;
  if (Math.abs(sum - 1) > 0.0005) throw new AppError('validation_failed', { field: '/body/activation', detail: `the weights add up to ${sum.toFixed(3)}, not 1` });
  const stored = JSON.parse(region.settings || '{}') as Record<string, unknown>;
  stored.rankingWeights = { activation: input.activation, activity: input.activity, topics: input.topics };
  await ctx.db.kysely.transaction().execute((trx) => q.updateRegionSettings(trx, regionId, JSON.stringify(stored)));
  return { weights: stored.rankingWeights as RankingWeightsBody };
}
