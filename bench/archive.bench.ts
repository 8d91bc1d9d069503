/**
 * Reports benchmark (issue 7): the year-end archive of a whole school of about
 * 1 000 pupils (target ≤ 60 s, memory < 300 MB) and the class results report
 * for a term (target ≤ 200 ms), on the synthetic school of
 * bench/lib/reports-school.ts (36 classes × 28 pupils, a full year of lessons,
 * topics, marks, absences, term and year marks).
 *
 *   npx tsx bench/archive.bench.ts [--calls 200] [--classes N] [--profile] [--trace-memory] [--no-record]
 *
 * The measurement runs in a fresh child process, so its peak RSS (VmHWM) is
 * the archive's and the report's alone, not the dataset generator's. The
 * class results go through app.inject (route, policy, service, JSON); the
 * archive is queued through the route and run by runNextJob, the function the
 * report worker runs (it collects garbage between classes itself, as in
 * production: the child runs without --expose-gc). --profile writes a V8
 * CPU profile of the child to bench/out/prof/. --classes limits the archive to the first N classes (for a
 * quick look; the recorded figure is the whole school). Figures are appended
 * to bench/RESULTS.md with the commit, the date and the load average.
 */
import { execSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseFlags, numberFlag } from '../server/cli/args.js';
import { buildApp } from '../server/app.js';
import { findClass } from '../server/modules/reports/reports.queries.js';
import { runNextJob } from '../server/modules/reports/reports.service.js';
import { storeClassArchive } from '../server/modules/reports/store.js';
import { signedIn } from '../server/test/factories.js';
import { BENCH_DIR, openSqlite, workingCopy } from './lib/dataset.js';
import { ensureReportsSchool } from './lib/reports-school.js';

const { flags } = parseFlags(process.argv.slice(2));
const log = (m: string) => console.error(`[archive-bench] ${m}`);
const RESULT_PREFIX = 'ARCHIVE_BENCH_RESULT ';

interface Figures {
  pupils: number;
  classes: number;
  archived: number;
  calls: number;
  resultsP50: number;
  resultsP99: number;
  resultsMax: number;
  archiveSeconds: number;
  perClassMs: number;
  jobStatus: string;
  bytes: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakSampledMb: number;
  /** The longest event-loop delay during the archive: the job runs inside the server process. */
  loopDelayMaxMs: number;
}

function procStatusMb(field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0); false where the kernel refuses. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;

/** The measurement itself, in the child process. */
async function measure(keptFile: string): Promise<Figures> {
  const calls = numberFlag(flags, 'calls', 200);
  const limit = numberFlag(flags, 'classes', 0);
  const runDir = join(BENCH_DIR, 'out', `archive-${process.pid}`);
  const file = workingCopy(keptFile, runDir);
  try {
    const ctx = await openSqlite(file);
    const db = ctx.db.kysely;
    const school = await db.selectFrom('schools').select('id').orderBy('id').executeTakeFirstOrThrow();
    const deputy = (await signedIn(ctx, 'deputy', { schoolId: school.id })).cookie;
    const classes = await db.selectFrom('classes').select('id').where('school_id', '=', school.id).orderBy('id').execute();
    const term = await db.selectFrom('terms').select('id').where('school_id', '=', school.id).orderBy('starts_on').executeTakeFirstOrThrow();
    const pupils = Number((await db.selectFrom('class_members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const app = await buildApp(ctx);
    await app.ready();

    // Class results for a term: every class in turn, after a short warm-up.
    const results = (i: number) => app.inject({ method: 'GET', url: `/api/reports/classes/${classes[i % classes.length]!.id}/results?termId=${term.id}`, headers: { cookie: deputy } });
    for (let i = 0; i < 10; i++) await results(i);
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      const res = await results(i);
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`class results answered ${res.statusCode}: ${res.body}`);
    }
    times.sort((a, b) => a - b);

    // The whole school's archive, queued by the route and run as the worker runs it.
    const rssBeforeMb = procStatusMb('VmRSS');
    if (!resetPeak()) log('cannot reset VmHWM here; the peak includes the set-up');
    let peakSampledMb = rssBeforeMb;
    let ticks = 0;
    const sampler = setInterval(() => {
      peakSampledMb = Math.max(peakSampledMb, procStatusMb('VmRSS'));
      if (flags['trace-memory'] && ++ticks % 10 === 0) {
        const m = process.memoryUsage();
        log(`rss ${(m.rss / 2 ** 20).toFixed(0)} MB, heap ${(m.heapUsed / 2 ** 20).toFixed(0)} / ${(m.heapTotal / 2 ** 20).toFixed(0)} MB, external ${(m.external / 2 ** 20).toFixed(0)} MB`);
      }
    }, 100);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    let jobStatus: string;
    if (limit > 0) {
      // A quick look: the first classes through the per-class function the job runs.
      for (const c of classes.slice(0, limit)) await storeClassArchive(ctx, (await findClass(db, c.id))!, 1, null);
      jobStatus = `first ${limit} classes`;
    } else {
      const queued = await app.inject({ method: 'POST', url: `/api/reports/schools/${school.id}/archive-jobs`, headers: { cookie: deputy, 'content-type': 'application/json', 'x-otmetka-csrf': '1' }, payload: '{}' });
      if (queued.statusCode !== 202) throw new Error(`archive job refused: ${queued.statusCode} ${queued.body}`);
      await runNextJob(ctx);
      const job = await db.selectFrom('report_jobs').select(['status', 'done', 'total', 'error']).where('id', '=', queued.json().id).executeTakeFirstOrThrow();
      if (job.status !== 'done') throw new Error(`archive job ${job.status}: ${job.error}`);
      jobStatus = `${job.status} ${job.done}/${job.total}`;
    }
    const archiveMs = performance.now() - t0;
    loop.disable();
    clearInterval(sampler);
    const peakRssMb = procStatusMb('VmHWM');
    const files = await db.selectFrom('report_archives').select(['size']).where('school_id', '=', school.id).execute();
    await app.close();
    await ctx.db.close();
    return {
      pupils, classes: classes.length, archived: files.length, calls,
      resultsP50: quantile(times, 0.5), resultsP99: quantile(times, 0.99), resultsMax: times[times.length - 1]!,
      archiveSeconds: archiveMs / 1000, perClassMs: archiveMs / Math.max(1, files.length), jobStatus,
      bytes: files.reduce((n, f) => n + Number(f.size), 0), rssBeforeMb, peakRssMb, peakSampledMb: Math.max(peakSampledMb, procStatusMb('VmRSS')), loopDelayMaxMs: loop.max / 1e6,
    };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

function runChild(keptFile: string): Promise<Figures> {
  const nodeFlags = ['--import', 'tsx'];
  if (flags.profile) {
    const dir = join(BENCH_DIR, 'out', 'prof');
    mkdirSync(dir, { recursive: true });
    nodeFlags.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
    log(`CPU profile will be written to ${dir}`);
  }
  const child = spawn(process.execPath, [...nodeFlags, import.meta.filename, ...process.argv.slice(2), '--child', keptFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) reject(new Error(`measurement process exited with ${code}\n${out}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as Figures);
    });
  });
}

function commit(): string {
  try {
    const root = join(BENCH_DIR, '..');
    const head = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
    const dirty = execSync('git status --porcelain -- server shared bench', { cwd: root }).toString().trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

const load = () => loadavg().map((v) => v.toFixed(2)).join(' / ');

function record(f: Figures, loadBefore: string, loadAfter: string): void {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const partial = f.archived < f.classes ? ` (first ${f.archived} of ${f.classes} classes only)` : '';
  const line =
    `| ${date} | ${commit()} | ${f.resultsP50.toFixed(1)} / ${f.resultsP99.toFixed(1)} ms (${f.calls} calls) ${verdict(f.resultsP99 <= 200)} | ` +
    `${f.archiveSeconds.toFixed(1)} s, ${f.archived} classes${partial}, ${(f.perClassMs / 1000).toFixed(2)} s/class, ${(f.bytes / 2 ** 20).toFixed(1)} MB of PDF, longest event-loop delay ${f.loopDelayMaxMs.toFixed(0)} ms ${verdict(f.archiveSeconds <= 60 && !partial)} | ` +
    `${f.peakRssMb.toFixed(0)} MB (before ${f.rssBeforeMb.toFixed(0)}) ${verdict(f.peakRssMb < 300)} | ${loadBefore} → ${loadAfter} |\n`;
  appendFileSync(join(BENCH_DIR, 'RESULTS.md'), line);
  log(`appended to bench/RESULTS.md:\n${line}`);
}

if (typeof flags.child === 'string') {
  const figures = await measure(flags.child);
  console.log(`${RESULT_PREFIX}${JSON.stringify(figures)}`);
} else {
  const { file } = await ensureReportsSchool(log);
  const loadBefore = load();
  log(`load average ${loadBefore}; measuring…`);
  const figures = await runChild(file);
  const loadAfter = load();
  console.table({
    'class results, a term (p50)': `${figures.resultsP50.toFixed(1)} ms`,
    'class results, a term (p99)': `${figures.resultsP99.toFixed(1)} ms (target ≤ 200 ms)`,
    'school archive': `${figures.archiveSeconds.toFixed(1)} s for ${figures.archived}/${figures.classes} classes, ${figures.pupils} pupils (target ≤ 60 s)`,
    'longest event-loop delay during the archive': `${figures.loopDelayMaxMs.toFixed(0)} ms`,
    'peak RSS (VmHWM)': `${figures.peakRssMb.toFixed(0)} MB, sampled ${figures.peakSampledMb.toFixed(0)} MB, before ${figures.rssBeforeMb.toFixed(0)} MB (target < 300 MB)`,
    'load average': `${loadBefore} → ${loadAfter}`,
  });
  if (!flags['no-record']) record(figures, loadBefore, loadAfter);
}
