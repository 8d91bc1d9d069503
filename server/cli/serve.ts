import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.js';
import { buildApp, WEB_DIST } from '../app.js';
import { createContext } from '../bootstrap.js';
import type { Config } from '../config.js';
import { startMonitoringJob } from '../jobs/monitoring.js';
import { startReportWorker } from '../jobs/reports.js';
import { defaultYearStart, generateDemoRegion } from '../demo/generate.js';
import { startNotificationJob } from '../jobs/notifications.js';
import * as structure from '../modules/structure/structure.service.js';
import { startBackupJob } from '../jobs/backup.job.js';
import { startCheckpointer } from '../db/checkpointer.js';
import { pidFile } from '../modules/backup/restore.js';
import { rmSync, writeFileSync } from 'node:fs';


export function buildWebIfMissing(log: (m: string) => void): void {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  log('building the web client (first start)…');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

/** Runs the server until SIGINT/SIGTERM, then closes connections and the database gracefully. */
export async function serve(config: Config, options: { demo: boolean; buildWeb: boolean }): Promise<void> {
  if (options.buildWeb) buildWebIfMissing((m) => console.log(m));
  const ctx = await createContext(config);
  // The WAL is copied back into the database file by a worker thread, not by the commits of requests.
  const checkpointer = ctx.db.sqlite && config.database.kind === 'sqlite' ? await startCheckpointer(ctx.db.sqlite, config.database.file) : null;
  if (options.demo && config.demoOnEmpty && (await structure.isEmpty(ctx))) {
    ctx.logger.info({ scale: config.demoScale }, 'empty database: creating the demo region');
    await generateDemoRegion(ctx, {
      scale: config.demoScale,
      seed: 75,
      yearStart: defaultYearStart(ctx.clock.now(), config.timeZone),
      log: (m) => ctx.logger.info(m),
    });
  }
  const monitoringJob = await startMonitoringJob(ctx);
  const reportWorker = startReportWorker(ctx);
  const app = await buildApp(ctx, { serveWeb: true });
  // Restore's switch-over refuses to move the database file while this pid lives.
  writeFileSync(pidFile(ctx), `${process.pid}\n`);
  const backupJob = startBackupJob(ctx);
  const notifications = startNotificationJob(ctx);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    backupJob.stop();
    await notifications.stop();
    await app.close();
    await monitoringJob.stop();
    await reportWorker.stop();
    await checkpointer?.stop();
    await ctx.db.close();
    rmSync(pidFile(ctx), { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}
