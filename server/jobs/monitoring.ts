/**
 * The monitoring job, started by `serve`: at start it gives every region its
 * plan, refreshes the maintained counters and catches up missed weekly
 * snapshots; then it checks every minute whether a snapshot is due and
 * refreshes the counters every few minutes. All work is idempotent, so two
 * server processes running it at once only repeat harmless work.
 */
import type { AppContext } from '../context.js';
import * as monitoring from '../modules/monitoring/monitoring.service.js';

export interface JobHandle {
  stop(): Promise<void>;
}

export interface MonitoringJobOptions {
  checkEveryMs?: number;
  refreshEveryMs?: number;
}

export async function runMonitoringOnce(ctx: AppContext, options: { refresh: boolean }): Promise<void> {
  const started = Date.now();
  const taken = await monitoring.runDueSnapshots(ctx);
  if (taken.some((t) => t.taken)) ctx.logger.info({ weeks: taken.filter((t) => t.taken).map((t) => t.weekOf), ms: Date.now() - started }, 'weekly snapshots taken');
  if (options.refresh) await monitoring.refreshAllCounters(ctx);
}

export async function startMonitoringJob(ctx: AppContext, options: MonitoringJobOptions = {}): Promise<JobHandle> {
  const checkEvery = options.checkEveryMs ?? 60_000;
  const refreshEvery = options.refreshEveryMs ?? 5 * 60_000;
  let running: Promise<void> | null = null;
  let lastRefresh = 0;
  const tick = (force = false) => {
    if (running) return running;
    const refresh = force || Date.now() - lastRefresh >= refreshEvery;
    running = runMonitoringOnce(ctx, { refresh })
      .then(() => {
        if (refresh) lastRefresh = Date.now();
      })
      .catch((error) => ctx.logger.error({ err: error }, 'monitoring job failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  await monitoring.ensurePlans(ctx).catch((error) => ctx.logger.error({ err: error }, 'seeding rollout plans failed'));
  // Catch up before serving, so the first dashboards already show the due week.
  await tick(true);
  const timer = setInterval(() => void tick(), checkEvery);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      if (running) await running;
    },
  };
}
