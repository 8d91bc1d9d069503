/**
 * The notification job of a server process: every tick it derives instant
 * notices and digests, then sends what is due. Several processes may run it
 * at once (claims are leased, derivations are idempotent). Errors of a tick
 * are logged and the next tick tries again; the job never throws.
 */
import type { AppContext } from '../context.js';
import { deriveDigests, deriveInstantNotices, sendDue } from '../modules/notifications/notifications.service.js';

export async function runNotificationsOnce(ctx: AppContext) {
  const instant = await deriveInstantNotices(ctx);
  const digests = await deriveDigests(ctx);
  const sent = await sendDue(ctx);
  return { instant, digests, ...sent };
}

export function startNotificationJob(ctx: AppContext, intervalMs = 30_000): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runNotificationsOnce(ctx)
      .catch((error) => ctx.logger.error({ err: error }, 'notification job failed; retrying next tick'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return {
    // Waits for a running tick, so a message accepted by the SMTP server is marked sent before exit.
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
