/**
 * `npm run test:crash [-- --rounds 10] [--seed N] [--scale 0.001] [--writers 12]`
 *
 * Crash safety of journal writes (issue 11), on the real server and a real
 * SQLite file: the server runs as its own process on a demo region; writer
 * loops (several teachers' sessions, disjoint cells) send new marks, changes
 * and deletes through POST /api/journal/changes and record every change the
 * server acknowledged (2xx) with its value; at a random moment (seeded) the
 * server is killed with SIGKILL. With the server down, each round checks:
 *  (a) every acknowledged change is in the marks table with its value (or a
 *      later acknowledged one; the one in-flight request may have committed,
 *      but entirely or not at all) and has its audit record;
 *  (b) PRAGMA integrity_check answers ok;
 *  (c) the audit chains verify (the function behind `otmetka audit verify`);
 * then (d) the server restarts on the same database and answers /api/health.
 * Exits 1 on any loss or problem.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { numberFlag, parseFlags } from '../server/cli/args.js';
import { generateDemoRegion } from '../server/demo/generate.js';
import { Random } from '../server/demo/random.js';
import { localDateOf } from '../shared/dates.js';
import { checkRound, loadModels } from './lib/crash-check.js';
import { prepareWriters, runWriter, type LoopStats } from './lib/crash-writers.js';
import { BENCH_DIR, BENCH_NOW, openSqlite } from './lib/dataset.js';
import { startBenchServer, type BenchServer } from './lib/server.js';

const { flags } = parseFlags(process.argv.slice(2));
const rounds = numberFlag(flags, 'rounds', 10);
const seed = flags.seed !== undefined ? numberFlag(flags, 'seed', 0) : randomInt(1, 2 ** 31 - 1);
const scale = numberFlag(flags, 'scale', 0.001);
const writerCount = numberFlag(flags, 'writers', 12);
const teacherCount = numberFlag(flags, 'teachers', 4);
const cellsPerWriter = numberFlag(flags, 'cells', 8);
const minMs = numberFlag(flags, 'min-ms', 300);
const maxMs = numberFlag(flags, 'max-ms', 3000);
const log = (m: string) => console.log(`[crash] ${m}`);

async function startServer(runDir: string, file: string): Promise<{ server: BenchServer; health: string }> {
  const server = await startBenchServer({ DATA_DIR: runDir, DATABASE_URL: `sqlite:${file}`, FIXED_NOW: BENCH_NOW, BACKUP_HOUR: 'off' });
  const res = await fetch(`${server.url}/api/health`);
  const body = (await res.json()) as { status: string };
  if (res.status !== 200 || body.status !== 'ok') throw new Error(`health after start: ${res.status} ${JSON.stringify(body)}`);
  return { server, health: body.status };
}

async function main(): Promise<number> {
  log(`seed ${seed} (repeat with --seed ${seed}), ${rounds} rounds, scale ${scale}, ${writerCount} writers`);
  const runDir = join(BENCH_DIR, 'out', `crash-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const file = join(runDir, 'otmetka.sqlite');
  const rnd = new Random(seed);

  let ctx = await openSqlite(file);
  const t0 = performance.now();
  await generateDemoRegion(ctx, { scale, seed: 75, yearStart: '2026-09-01' });
  const today = localDateOf(new Date(BENCH_NOW), ctx.config.timeZone);
  const writers = await prepareWriters(ctx, { today, teachers: teacherCount, writers: writerCount, cellsPerWriter, seed: rnd.int(1, 2 ** 30) });
  let auditId = await loadModels(ctx, writers);
  await ctx.db.close();
  const teachers = new Set(writers.map((w) => w.teacherPersonId)).size;
  log(`demo region ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${writers.length} writers, ${teachers} teachers, ${writers.reduce((n, w) => n + w.cells.length, 0)} cells`);

  const totals = { acknowledged: 0, checked: 0, lost: 0, problems: 0, requests: 0, inFlight: 0, inFlightCommitted: 0 };
  let failed = false;
  const startups: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const { server } = await startServer(runDir, file);
    startups.push(server.startupMs);
    const killAfter = rnd.int(minMs, maxMs);
    const stats: LoopStats = { acked: [], requests: 0, refused: [] };
    let stop = false;
    const loops = writers.map((w) => runWriter(server.url, w, () => stop, stats));
    // The kill's moment counts from the first acknowledgement, so that a slow start (a cold
    // process on a busy machine) does not leave a round without writes.
    for (const t = Date.now(); stats.acked.length === 0 && stats.refused.length === 0 && Date.now() - t < 60_000; ) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, killAfter));
    stop = true;
    await server.crash();
    await Promise.all(loops);

    ctx = await openSqlite(file);
    const check = await checkRound(ctx, writers, stats.acked, auditId);
    await ctx.db.close();
    auditId = check.lastAuditId;
    const problems = [...check.problems, ...stats.refused.map((r) => `writer ${r.writer}: answer ${r.status} ${r.body}`)];
    if (check.integrity !== 'ok') problems.push(`integrity_check: ${check.integrity}`);
    totals.acknowledged += stats.acked.length;
    totals.checked += check.checked;
    totals.lost += check.lost.length;
    totals.problems += problems.length;
    totals.requests += stats.requests;
    totals.inFlight += check.inFlight;
    totals.inFlightCommitted += check.inFlightCommitted;
    log(
      `round ${round}/${rounds}: SIGKILL ${killAfter} ms after the first acknowledgement; ${stats.requests} requests, ${stats.acked.length} changes acknowledged, ${check.checked} checked, ` +
        `lost ${check.lost.length}; in flight ${check.inFlight} (committed ${check.inFlightCommitted}); integrity ${check.integrity}; ` +
        `audit ${check.chain.records} records in ${check.chain.schools} chains, broken ${check.chain.broken}`,
    );
    for (const l of check.lost.slice(0, 20)) log(`  LOST ${l}`);
    for (const p of problems.slice(0, 20)) log(`  PROBLEM ${p}`);
    if (check.lost.length > 0 || problems.length > 0) failed = true;
    if (stats.acked.length === 0) {
      log('  PROBLEM no write was acknowledged before the kill (raise --min-ms)');
      failed = true;
    }
  }

  // (d) once more after the last crash: the server starts on the database and answers.
  const { server, health } = await startServer(runDir, file);
  await server.stop();
  startups.push(server.startupMs);
  log(`restart after round ${rounds}: /api/health ${health}; start-up to healthy ${Math.round(Math.min(...startups))}–${Math.round(Math.max(...startups))} ms`);
  // The operator's own check on the final database: `otmetka audit verify` (exit 0 when every chain verifies).
  const cli = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH_DIR, '..', 'server', 'cli', 'main.ts'), 'audit', 'verify'], {
    env: { ...process.env, DATA_DIR: runDir, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  log(`otmetka audit verify: exit ${cli.status}; ${cli.stdout.trim().replace(/\n/g, '; ')}`);
  if (cli.status !== 0) failed = true;

  console.log('');
  console.log(`crash safety: seed ${seed}, rounds ${rounds}, requests ${totals.requests}, writes acknowledged ${totals.acknowledged}, checked ${totals.checked}, lost ${totals.lost}, other problems ${totals.problems}`);
  console.log(`  in-flight requests at the kills: ${totals.inFlight}, of which committed (entirely) ${totals.inFlightCommitted}`);
  if (failed || totals.lost > 0 || totals.checked !== totals.acknowledged) {
    console.log(`  FAILED; the database is kept in ${runDir}`);
    return 1;
  }
  if (!flags.keep) rmSync(runDir, { recursive: true, force: true });
  console.log('  passed');
  return 0;
}

process.exit(await main());
