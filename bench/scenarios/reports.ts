/**
 * Reports (issue 7): the class results report for a term (target ≤ 200 ms)
 * and the year-end archive of a school of about 1 000 pupils (≤ 60 s, peak
 * memory of the server < 300 MB), on a synthetic school served by a server
 * process of its own (bench/lib/reports-school.ts).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { signedIn } from '../../server/test/factories.js';
import { BENCH_DIR, openSqlite, workingCopy } from '../lib/dataset.js';
import type { Scenario } from '../lib/env.js';
import { fmt, type Row } from '../lib/results.js';
import { ensureReportsSchool } from '../lib/reports-school.js';
import { startBenchServer } from '../lib/server.js';

export const reportsScenario: Scenario = {
  name: 'reports',
  async run(env) {
    const { file: kept, schoolId } = await ensureReportsSchool(env.log);
    const runDir = join(BENCH_DIR, 'out', `reports-${Date.now()}`);
    const file = workingCopy(kept, runDir);
    const now = '2027-05-28T03:00:00.000Z';
    const ctx = await openSqlite(file, {}, now);
    const deputy = (await signedIn(ctx, 'deputy', { schoolId })).cookie;
    const pupils = Number((await ctx.db.kysely.selectFrom('class_members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const classId = (await ctx.db.kysely.selectFrom('classes').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const termId = (await ctx.db.kysely.selectFrom('terms').select('id').orderBy('starts_on').executeTakeFirstOrThrow()).id;
    await ctx.db.close();
    const server = await startBenchServer({ DATA_DIR: runDir, DATABASE_URL: `sqlite:${file}`, FIXED_NOW: now });
    const rows: Row[] = [];
    try {
      const headers = { cookie: deputy };
      const url = `${server.url}/api/reports/classes/${classId}/results?termId=${termId}`;
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        const res = await fetch(url, { headers });
        if (!res.ok) throw new Error(`class results answered ${res.status}`);
        await res.arrayBuffer();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p95 = times[Math.floor(times.length * 0.95)]!;
      rows.push({ scenario: 'class results report, a term (28 pupils × 10 subjects)', measured: `p50 ${fmt.ms(times[Math.floor(times.length / 2)]!)}, p95 ${fmt.ms(p95)}`, target: '≤ 200 ms', verdict: p95 <= 200 ? 'met' : 'missed', note: '40 sequential requests' });

      server.resetPeak();
      const started = performance.now();
      const job = await fetch(`${server.url}/api/reports/schools/${schoolId}/archive-jobs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'x-otmetka-csrf': '1' }, body: '{}' });
      if (job.status !== 202) throw new Error(`archive job refused: ${job.status} ${await job.text()}`);
      let status = 'queued';
      let done = 0;
      let total = 0;
      while (status === 'queued' || status === 'running') {
        await new Promise((r) => setTimeout(r, 250));
        const jobs = (await (await fetch(`${server.url}/api/reports/schools/${schoolId}/archive-jobs`, { headers })).json()) as Array<{ status: string; done: number; total: number }>;
        ({ status, done, total } = jobs[0]!);
        if (performance.now() - started > 300_000) throw new Error('archive job took more than 5 minutes');
      }
      const seconds = (performance.now() - started) / 1000;
      const peak = server.peakRssMb();
      rows.push({ scenario: `year-end archive of a school (${pupils} pupils, ${total} classes)`, measured: `${seconds.toFixed(1)} s`, target: '≤ 60 s', verdict: status === 'done' && seconds <= 60 ? 'met' : 'missed', note: `${status}, ${done}/${total} classes` });
      rows.push({ scenario: 'server peak RSS during the archive', measured: fmt.mb(peak), target: '< 300 MB', verdict: peak < 300 ? 'met' : 'missed' });
    } finally {
      await server.stop();
      rmSync(runDir, { recursive: true, force: true });
    }
    return rows;
  },
};
