/**
 * The demo region's diary part: every guardian with an e-mail address gets
 * a notification choice (about a third instant, a third a daily digest, a
 * sixth weekly, the rest none). The notification job's watermarks start at
 * "now", so a fresh demo does not mail a backlog of generated marks.
 */
import type { AppContext } from '../context.js';
import { insertRows } from '../db/bulk.js';
import { localDateOf } from '../../shared/dates.js';
import type { NotificationMode } from '../../shared/contracts/diary.js';
import type { Random } from './random.js';

export async function generateDiaryDemo(ctx: AppContext, rnd: Random): Promise<Record<NotificationMode, number>> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now().toISOString();
  const guardians = await db
    .selectFrom('persons as p')
    .select('p.id')
    .where('p.email', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('guardianships as g').select('g.id').whereRef('g.guardian_person_id', '=', 'p.id')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('notification_settings as n').select('n.id').whereRef('n.person_id', '=', 'p.id'))))
    .orderBy('p.id')
    .execute();
  const counts: Record<NotificationMode, number> = { instant: 0, daily: 0, weekly: 0, none: 0 };
  const rows = guardians.map(({ id }) => {
    const x = rnd.next();
    const mode: NotificationMode = x < 0.34 ? 'instant' : x < 0.67 ? 'daily' : x < 0.84 ? 'weekly' : 'none';
    counts[mode]++;
    return { person_id: id, mode, updated_at: now };
  });
  await db.transaction().execute(async (trx) => {
    await insertRows(ctx.db, trx, 'notification_settings', rows);
    const today = localDateOf(ctx.clock.now(), ctx.config.timeZone);
    for (const [name, value] of [['marks_scanned_to', now], ['digest_daily', today], ['digest_weekly', today]] as const) {
      await trx.deleteFrom('job_state').where('name', '=', name).execute();
      await trx.insertInto('job_state').values({ name, value }).execute();
    }
  });
  return counts;
}
