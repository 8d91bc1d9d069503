/**
 * `npm run bench [-- --scale 0.1] [--duration 10] [--only name,name]`
 * Generates (once) and reuses the region dataset, starts the server as a
 * separate process on a working copy, runs every scenario with autocannon,
 * prints a table and appends it to bench/RESULTS.md (+ a JSON file).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags, numberFlag } from '../server/cli/args.js';
import { signedIn } from '../server/test/factories.js';
import { BENCH_DIR, ensureDataset, openSqlite, workingCopy } from './lib/dataset.js';
import type { BenchEnv } from './lib/env.js';
import { fmt, printTable, recordRun, runInfo, type Row } from './lib/results.js';
import { startBenchServer } from './lib/server.js';
import { firstRouteSize } from './scenarios/platform.js';
import { scenarios } from './scenarios/index.js';

const { flags } = parseFlags(process.argv.slice(2));
const scale = numberFlag(flags, 'scale', 0.1);
const duration = numberFlag(flags, 'duration', 10);
const only = typeof flags.only === 'string' ? flags.only.split(',') : null;
const log = (m: string) => console.log(`[bench] ${m}`);

async function main(): Promise<void> {
  const rows: Row[] = [];
  if (!existsSync(join(BENCH_DIR, '..', 'dist', 'web', 'index.html'))) {
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: join(BENCH_DIR, '..') });
  }
  // The server runs as production runs it: the built JavaScript, rebuilt for every run.
  spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit', cwd: join(BENCH_DIR, '..') });
  rows.push(firstRouteSize());

  log(`dataset at scale ${scale}…`);
  const dataset = await ensureDataset(scale, log);
  if (dataset.generatedMs !== null) {
    rows.push({ scenario: `dataset generation (scale ${scale})`, measured: fmt.s(dataset.generatedMs), target: '—', verdict: 'info' });
  }
  const runDir = join(BENCH_DIR, 'out', `run-${Date.now()}`);
  const file = workingCopy(dataset.file, runDir);

  // Bench users get their sessions in the working copy before the server starts.
  const ctx = await openSqlite(file);
  const cookies: Record<string, string> = { admin: (await signedIn(ctx, 'admin')).cookie };
  const ids: Record<string, number> = {};
  for (const scenario of scenarios) if (!only || only.includes(scenario.name)) await scenario.prepare?.(ctx, cookies, ids);
  await ctx.db.close();

  const server = await startBenchServer({ DATA_DIR: runDir, DATABASE_URL: `sqlite:${file}`, FIXED_NOW: '2027-03-17T03:00:00.000Z' });
  rows.push({ scenario: 'server start-up (to healthy)', measured: fmt.ms(server.startupMs), target: '—', verdict: 'info' });
  const env: BenchEnv = { server, scale, duration, cookies, ids, log };
  server.resetPeak();
  try {
    for (const scenario of scenarios) {
      if (only && !only.includes(scenario.name)) continue;
      log(`scenario ${scenario.name}…`);
      rows.push(...(await scenario.run(env)));
    }
    const peak = server.peakRssMb();
    rows.push({ scenario: 'server peak RSS under load', measured: fmt.mb(peak), target: '≤ 200 MB', verdict: peak <= 200 ? 'met' : 'missed' });
  } finally {
    await server.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
  printTable(rows);
  recordRun(runInfo(scale, 'sqlite'), rows);
  log('results appended to bench/RESULTS.md');
}

await main();
