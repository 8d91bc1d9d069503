import { refreshCounters, takeSnapshot } from '../../server/modules/monitoring/monitoring.service.js';
import { signedIn } from '../../server/test/factories.js';
import { BENCH_NOW } from '../lib/dataset.js';
import { againstBaseline, load, type Scenario } from '../lib/env.js';
import { fmt, type Row } from '../lib/results.js';

const timings: { refreshMs?: number; snapshotMs?: number; schools?: number } = {};

/**
 * Rollout monitoring (issue 8): the region and municipality dashboards under
 * 64 connections against the same bytes from memory; the counter refresh and
 * the weekly snapshot of the whole region, timed on the working copy before
 * the server starts (they run as jobs, not requests).
 */
export const monitoringScenario: Scenario = {
  name: 'monitoring',
  async prepare(ctx, cookies, ids) {
    const municipality = await ctx.db.kysely.selectFrom('municipalities').select('id').where('region_id', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    ids.municipality = municipality.id;
    cookies.coordinator = (await signedIn(ctx, 'region_coordinator', { regionId: 1 })).cookie;
    cookies.officer = (await signedIn(ctx, 'municipal_officer', { municipalityId: municipality.id })).cookie;
    let started = performance.now();
    await refreshCounters(ctx, { regionId: 1 });
    timings.refreshMs = performance.now() - started;
    // The benchmark's today is a snapshot day: freeze it afresh (forgetting it first, should the dataset hold it).
    const week = BENCH_NOW.slice(0, 10);
    for (const table of ['weekly_snapshots', 'weekly_totals', 'snapshot_runs'] as const) {
      await ctx.db.kysely.deleteFrom(table).where('region_id', '=', 1).where('week_of', '=', week).execute();
    }
    started = performance.now();
    const result = await takeSnapshot(ctx, 1, week);
    timings.snapshotMs = performance.now() - started;
    timings.schools = result.schools;
  },
  async run(env) {
    const rows: Row[] = [
      {
        scenario: `weekly snapshot of the region (${timings.schools} schools)`,
        measured: fmt.s(timings.snapshotMs!),
        target: '≤ 5 s',
        verdict: timings.snapshotMs! <= 5000 ? 'met' : 'missed',
        note: `counter refresh of the region before it: ${fmt.s(timings.refreshMs!)}`,
      },
    ];
    const dashboards: Array<[string, string, string]> = [
      ['region dashboard', '/api/monitoring/regions/1', env.cookies.coordinator!],
      ['municipality dashboard', `/api/monitoring/municipalities/${env.ids.municipality}`, env.cookies.officer!],
    ];
    for (const [label, path, cookie] of dashboards) {
      // An official opens the dashboard: its answer time, one request at a time; then 64 at once against the serving limit.
      // As a browser asks (gzip): large dashboards are compressed per request, the baseline's bytes once.
      const alone = await load({ url: `${env.server.url}${path}`, connections: 1, duration: Math.min(env.duration, 5), headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } });
      const { route, baseline, bytes } = await againstBaseline(env, path, cookie, { gzip: true });
      rows.push({
        scenario: label,
        measured: `one at a time: p50 ${fmt.ms(alone.p50)}, p99 ${fmt.ms(alone.p99)}`,
        target: '≤ 20 ms',
        verdict: alone.p99 <= 20 ? 'met' : 'missed',
        note: `${fmt.kb(bytes)} of JSON, ${fmt.kb(route.bytesPerRequest)} as sent; 64 connections: ${fmt.rps(route.rps)}, p99 ${fmt.ms(route.p99)} = ${(route.rps / baseline.rps).toFixed(2)} of the same bytes from memory (${fmt.rps(baseline.rps)}, p99 ${fmt.ms(baseline.p99)}); errors ${route.errors + route.non2xx + alone.errors + alone.non2xx}`,
      });
    }
    return rows;
  },
};
