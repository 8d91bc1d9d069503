import type { AppContext } from '../../server/context.js';
import { sessionCookie } from '../../server/test/factories.js';
import { againstBaseline, load, plainRow, type Scenario } from '../lib/env.js';
import { fmt } from '../lib/results.js';
import { ensureDiaryData } from './diary-data.js';

/** How many different pupils the requests rotate through. */
const PUPILS = 2000;
/** The week every request asks for: the benchmark's "today" (BENCH_NOW), so most of the year holds data. */
const WEEK = '2027-03-15';

/**
 * The diary week of one pupil (issue 6), the hottest read of the system:
 * 64 connections rotate through the weeks of many different pupils, spread
 * over every school. The server keeps each week it built while its journal
 * revisions stand (diary/week-cache.ts), so the load runs after each pupil's
 * first read, which is reported beside it (the cold figure). Each week is read
 * by a guardian of the pupil in their own session (2 000 sessions), as parents
 * read it: a guardian's read also looks up their confirmation of the week.
 * Target: p99 ≤ 10 ms.
 */
export const diaryWeek: Scenario = {
  name: 'diary',
  postgres: true,
  async prepare(ctx: AppContext, cookies, ids) {
    await ensureDiaryData(ctx, '2027-03-20');
    // Parents are the diary's readers: each pupil's week is read by a guardian of theirs with an
    // active account and a consent on record, in that guardian's own session.
    const pairs = await ctx.db.kysely
      .selectFrom('consents as c')
      .innerJoin('accounts as a', 'a.person_id', 'c.guardian_person_id')
      .innerJoin('class_members as cm', 'cm.student_person_id', 'c.student_person_id')
      .select(['c.student_person_id as pupil', 'a.id as accountId'])
      .distinct()
      .where('c.withdrawn_on', 'is', null)
      .where('a.status', '=', 'active')
      .orderBy('c.student_person_id')
      .execute();
    const step = Math.max(1, Math.floor(pairs.length / PUPILS));
    const chosen = pairs.filter((_, i) => i % step === 0).slice(0, PUPILS);
    for (const [i, pair] of chosen.entries()) {
      ids[`diaryPupil${i}`] = pair.pupil;
      cookies[`diaryPupil${i}`] = await sessionCookie(ctx, pair.accountId);
    }
  },
  async run(env) {
    const readers = Object.entries(env.ids)
      .filter(([k]) => k.startsWith('diaryPupil'))
      .map(([k, id]) => ({ path: `/api/diary/students/${id}/week?week=${WEEK}`, cookie: env.cookies[k]! }));
    if (readers.length === 0) return [{ scenario: 'diary week of a pupil', measured: 'no guardians with consent in the dataset', target: 'p99 ≤ 10 ms', verdict: 'n/a' }];
    const first = readers[0]!;
    const sample = await fetch(`${env.server.url}${first.path}`, { headers: { cookie: first.cookie } });
    if (!sample.ok) throw new Error(`diary week answered ${sample.status}: ${await sample.text()}`);
    const body = (await sample.json()) as { days: Array<{ lessons: Array<{ marks: unknown[] }> }> };
    const lessons = body.days.reduce((n, d) => n + d.lessons.length, 0);
    const marks = body.days.reduce((n, d) => n + d.lessons.reduce((m, l) => m + l.marks.length, 0), 0);
    // Each pupil's first read builds the week (the cold figure); the measured load then reads
    // kept weeks checked against their revisions, as a server does after its first minutes.
    const cold = await firstReads(env.server.url, readers);
    const result = await load({
      url: env.server.url,
      connections: 64,
      duration: env.duration,
      // As a browser asks: the week comes gzipped (its days kept compressed, the viewer's head appended).
      requests: readers.map((r) => ({ method: 'GET', path: r.path, headers: { cookie: r.cookie, 'accept-encoding': 'gzip, deflate, br' } })),
    });
    // The same server's serving limit for a body of this size (one pupil's week, then the same bytes from memory).
    const { route: one, baseline, plain } = await againstBaseline(env, first.path, first.cookie, { plain: true, gzip: true });
    return [
      plainRow('a diary week’s bytes', plain!),
      {
        scenario: 'baseline: a diary week’s bytes from memory',
        measured: `${fmt.rps(baseline.rps)}, p99 ${fmt.ms(baseline.p99)}`,
        target: 'serving limit',
        verdict: 'info',
        note: `one pupil's week repeated: ${fmt.rps(one.rps)}, p99 ${fmt.ms(one.p99)}`,
      },
      {
        scenario: `diary week, ${readers.length} pupils rotating, each read by a guardian`,
        measured: `${fmt.rps(result.rps)}, p99 ${fmt.ms(result.p99)}`,
        target: 'p99 ≤ 10 ms',
        verdict: result.p99 <= 10 ? 'met' : 'missed',
        note: `${fmt.kb(result.bytesPerRequest)} per response as sent (gzip; ${fmt.kb(Buffer.byteLength(JSON.stringify(body)))} of JSON; first pupil: ${lessons} lessons, ${marks} marks), 64 connections, errors ${result.errors + result.non2xx}; each pupil's first read before (the week built, 16 at a time): ${fmt.rps(cold.rps)}, mean ${fmt.ms(cold.meanMs)}`,
        rps: result.rps,
      },
    ];
  },
};

/** Reads each path once, `parallel` at a time: the weeks' first, uncached reads. */
async function firstReads(url: string, readers: Array<{ path: string; cookie: string }>, parallel = 16): Promise<{ rps: number; meanMs: number }> {
  const queue = [...readers];
  let total = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let reader = queue.shift(); reader; reader = queue.shift()) {
        const t = performance.now();
        const res = await fetch(`${url}${reader.path}`, { headers: { cookie: reader.cookie } });
        if (!res.ok) throw new Error(`diary week answered ${res.status}`);
        await res.arrayBuffer();
        total += performance.now() - t;
      }
    }),
  );
  return { rps: (readers.length * 1000) / (performance.now() - started), meanMs: total / readers.length };
}
