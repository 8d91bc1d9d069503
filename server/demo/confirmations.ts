/**
 * The demo region's «Дневник просмотрен»: guardians with an active account
 * and a consent on record confirm their child's finished weeks, each with a
 * diligence of their own (some every week, some rarely), a day or two after
 * the week's Friday, so the class teacher's page of confirmations has
 * something to show. The demo logins' own guardians confirm nothing: their
 * journeys confirm a week themselves.
 */
import type { AppContext } from '../context.js';
import { insertRows } from '../db/bulk.js';
import { addDays, localDateOf, mondayOf } from '../../shared/dates.js';
import type { Random } from './random.js';

export async function generateConfirmations(ctx: AppContext, rnd: Random, yearStart: string, skipGuardians: number[]): Promise<number> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const today = localDateOf(now, ctx.config.timeZone);
  const pairs = await db
    .selectFrom('guardianships as g')
    .innerJoin('accounts as a', 'a.person_id', 'g.guardian_person_id')
    .innerJoin('class_members as cm', 'cm.student_person_id', 'g.student_person_id')
    .select(['g.guardian_person_id as guardianId', 'g.student_person_id as studentId', 'cm.school_id as schoolId', 'cm.from_date as fromDate', 'cm.to_date as toDate'])
    .where('a.status', '=', 'active')
    .where((eb) => eb.exists(eb.selectFrom('consents as co').select('co.id').whereRef('co.student_person_id', '=', 'g.student_person_id').where('co.withdrawn_at', 'is', null)))
    .orderBy('g.guardian_person_id')
    .orderBy('g.student_person_id')
    .execute();
  const skip = new Set(skipGuardians);
  const diligence = new Map<number, number>();
  const done = new Set<string>();
  const rows: Array<{ school_id: number; student_person_id: number; guardian_person_id: number; week: string; confirmed_at: string }> = [];
  for (const p of pairs) {
    if (skip.has(p.guardianId)) continue;
    if (!diligence.has(p.guardianId)) diligence.set(p.guardianId, rnd.pick([0.1, 0.3, 0.6, 0.9, 1]));
    const chance = diligence.get(p.guardianId)!;
    const first = mondayOf(p.fromDate > yearStart ? p.fromDate : yearStart);
    // Finished weeks only: their Saturday is past, and the pupil was in the class that week.
    for (let monday = first; addDays(monday, 5) < today; monday = addDays(monday, 7)) {
      if (p.toDate !== null && p.toDate < monday) break;
      const key = `${p.studentId}:${monday}:${p.guardianId}`;
      if (!rnd.chance(chance) || done.has(key)) continue;
      done.add(key);
      // Friday evening to Monday morning of the region's day (UTC+9 in the seed's region; exactness does not matter here).
      const at = new Date(Date.parse(`${addDays(monday, 4)}T09:00:00Z`) + rnd.int(0, 60) * 3_600_000);
      rows.push({ school_id: p.schoolId, student_person_id: p.studentId, guardian_person_id: p.guardianId, week: monday, confirmed_at: (at < now ? at : now).toISOString() });
    }
  }
  await db.transaction().execute((trx) => insertRows(ctx.db, trx, 'diary_confirmations', rows));
  return rows.length;
}
