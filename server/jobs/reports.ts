/**
 * The report worker, started by `serve`: polls the report_jobs table and runs
 * queued jobs (a school's year-end archive) one at a time, one class at a
 * time. Claiming is a conditional update, so several server processes can
 * poll the same database and each job still runs once.
 */
import type { AppContext } from '../context.js';
import * as reports from '../modules/reports/reports.service.js';

export interface JobHandle {
  stop(): Promise<void>;
}

export function startReportWorker(ctx: AppContext, options: { pollMs?: number } = {}): JobHandle {
  const pollMs = options.pollMs ?? 3000;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      // Drain: one job after another until none is left.
      while (!stopped && (await reports.runNextJob(ctx))) {
        /* next */
      }
    })()
      .catch((error) => ctx.logger.error({ err: error }, 'report worker failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
