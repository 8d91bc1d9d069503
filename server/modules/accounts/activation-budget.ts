/**
 * A budget of unknown activation codes for the whole installation. The route's
 * per-address limit stops one machine; this stops many machines guessing at
 * once (a botnet): with 25¹⁰ possible codes and at most a few hundred thousand
 * live ones, 2 000 wrong codes an hour make a hit a matter of years, while the
 * typing mistakes of a region's rollout stay far below it. Kept in the
 * process's memory (N processes allow N budgets); keyed by context, so every
 * test's app has its own.
 */
import type { AppContext } from '../../context.js';

export const ACTIVATION_FAILURES_PER_HOUR = 2000;
const WINDOW_MS = 3600 * 1000;

const failures = new WeakMap<AppContext, number[]>();

function recent(ctx: AppContext, now: number): number[] {
  const list = (failures.get(ctx) ?? []).filter((t) => t > now - WINDOW_MS);
  failures.set(ctx, list);
  return list;
}

/** Seconds until the budget has room again, or 0 when it has room now. */
export function activationWaitSeconds(ctx: AppContext): number {
  const now = ctx.clock.now().getTime();
  const list = recent(ctx, now);
  if (list.length < ACTIVATION_FAILURES_PER_HOUR) return 0;
  return Math.max(1, Math.ceil((list[list.length - ACTIVATION_FAILURES_PER_HOUR]! + WINDOW_MS - now) / 1000));
}

export function recordUnknownCode(ctx: AppContext): void {
  const now = ctx.clock.now().getTime();
  recent(ctx, now).push(now);
}
