/**
 * `npm run bench [-- --scale 0.1] [--duration 10] [--only name,name] [--pg] [--migrate-dataset]`
 * Generates (once) and reuses the region dataset, starts the server as a
 * separate process on a working copy, runs every scenario with autocannon,
 * prints a table and appends it to bench/RESULTS.md (+ a JSON file).
 * With --pg: the same on a throwaway PostgreSQL cluster (fsync on), for the
 * scenarios that say they run there, with the ratio to the last SQLite run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags, numberFlag } from '../server/cli/args.js';
import { signedIn } from '../server/test/factories.js';
import type { AppContext } from '../server/context.js';
import { startCluster } from '../scripts/pg-cluster.js';
import { BENCH_DIR, ensureDataset, openSqlite, workingCopy } from './lib/dataset.js';
import { ensurePgDataset, openPostgres } from './lib/pg.js';
import type { BenchEnv } from './lib/env.js';
import { compareWithSqlite, fmt, printTable, recordRun, runInfo, type Row } from './lib/results.js';
import { startBenchServer } from './lib/server.js';
import { firstRouteSize } from './scenarios/platform.js';
import { scenarios } from './scenarios/index.js';

const { flags } = parseFlags(process.argv.slice(2));
const scale = numberFlag(flags, 'scale', 0.1);
const duration = numberFlag(flags, 'duration', 10);
const only = typeof flags.only === 'string' ? flags.only.split(',') : null;
const onPg = flags.pg === true;
const log = (m: string) => console.log(`[bench] ${m}`);

async function main(): Promise<void> {
  const rows: Row[] = [];
  if (!existsSync(join(BENCH_DIR, '..', 'dist', 'web', 'index.html'))) {
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: join(BENCH_DIR, '..') });
  }
  rows.push(firstRouteSize());

  const chosen = scenarios.filter((s) => (!only || only.includes(s.name)) && (!onPg || s.postgres));
  const runDir = join(BENCH_DIR, 'out', `run-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  log(`dataset at scale ${scale}${onPg ? ' on PostgreSQL' : ''}…`);
  const cluster = onPg ? await startCluster({ durable: true }) : null;
  let databaseUrl: string;
  let ctx: AppContext;
  if (cluster) {
    const dataset = await ensurePgDataset(cluster, scale, runDir, log);
    if (dataset.generatedMs !== null) rows.push({ scenario: `dataset generation (scale ${scale})`, measured: fmt.s(dataset.generatedMs), target: '—', verdict: 'info' });
    databaseUrl = dataset.url;
    ctx = await openPostgres(databaseUrl, runDir);
  } else {
    const dataset = await ensureDataset(scale, log, { migrateOlder: flags['migrate-dataset'] === true });
    if (dataset.generatedMs !== null) rows.push({ scenario: `dataset generation (scale ${scale})`, measured: fmt.s(dataset.generatedMs), target: '—', verdict: 'info' });
    if (dataset.migratedFrom) rows.push({ scenario: `dataset (scale ${scale})`, measured: `migrated from ${dataset.migratedFrom}`, target: '—', verdict: 'info', note: 'the generator unchanged since that file was made' });
    const file = workingCopy(dataset.file, runDir);
    databaseUrl = `sqlite:${file}`;
    ctx = await openSqlite(file);
  }

  // Bench users get their sessions in the working copy before the server starts.
  const cookies: Record<string, string> = { admin: (await signedIn(ctx, 'admin')).cookie };
  const ids: Record<string, number> = {};
  for (const scenario of chosen) await scenario.prepare?.(ctx, cookies, ids);
  await ctx.db.close();

  const server = await startBenchServer({ DATA_DIR: runDir, DATABASE_URL: databaseUrl, FIXED_NOW: '2027-03-17T03:00:00.000Z' });
  rows.push({ scenario: 'server start-up (to healthy)', measured: fmt.ms(server.startupMs), target: '—', verdict: 'info' });
  const env: BenchEnv = { server, scale, duration, cookies, ids, sqliteFile: databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : null, log };
  server.resetPeak();
  try {
    // The peak of each scenario too, so that a miss names the load that caused it.
    const peaks: string[] = [];
    let peak = 0;
    for (const scenario of chosen) {
      log(`scenario ${scenario.name}…`);
      server.resetPeak();
      rows.push(...(await scenario.run(env)));
      peak = Math.max(peak, server.peakRssMb());
      peaks.push(`${scenario.name} ${server.peakRssMb().toFixed(0)}`);
    }
    rows.push({ scenario: 'server peak RSS under load', measured: fmt.mb(peak), target: '≤ 200 MB', verdict: peak <= 200 ? 'met' : 'missed', note: `MB per scenario: ${peaks.join(', ')}` });
  } finally {
    await server.stop();
    cluster?.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
  if (onPg) compareWithSqlite(rows, scale);
  printTable(rows);
  recordRun(runInfo(scale, onPg ? 'postgres' : 'sqlite'), rows);
  log('results appended to bench/RESULTS.md');
}

await main();
