/**
 * The nightly backup: at BACKUP_HOUR in the region's time zone, back up,
 * verify the copy (in a child process running `otmetka backup verify`, with
 * the verifiers of server/backup-verifiers.ts), rotate. Started by `serve`; one timer, re-armed after each
 * run, so a slow backup never overlaps the next.
 */
import type { AppContext } from '../context.js';
import * as backup from '../modules/backup/backup.service.js';
import { nextBackupAt } from '../modules/backup/schedule.js';

export function startBackupJob(ctx: AppContext): { stop(): void } {
  const hour = ctx.config.backupHour;
  // A frozen clock (e2e, demos) would fire the job in a loop; and BACKUP_HOUR=off means off.
  if (hour === null || ctx.config.fixedNow) return { stop() {} };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const now = ctx.clock.now();
    const at = nextBackupAt(now, hour, ctx.config.timeZone);
    // setTimeout holds at most ~24.8 days; a night is far less.
    timer = setTimeout(run, at.getTime() - now.getTime());
    timer.unref();
    ctx.logger.info({ at: at.toISOString() }, 'next backup scheduled');
  };
  const run = async () => {
    try {
      const report = await backup.runScheduledBackup(ctx);
      ctx.logger.info({ file: report.file, ok: report.ok }, 'scheduled backup finished');
    } catch (error) {
      ctx.logger.error({ err: error }, 'scheduled backup failed');
    }
    arm();
  };
  arm();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
