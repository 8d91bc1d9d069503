/**
 * While an online backup of a large SQLite database runs (the copy, its
 * compression, its verification in a child process), durable writes keep
 * being acknowledged: this measures the longest wait for one.
 *
 *   npx tsx bench/backup-writes.ts [--rows 1000000] [--detail 300]
 *
 * The writes are real mark writes through the journal's service (checked,
 * audited, committed with synchronous=FULL before they are acknowledged).
 * Re-run on mark writes once the journal lands.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { createContext } from '../server/bootstrap.js';
import { loadConfig } from '../server/config.js';
import { generateDemoRegion } from '../server/demo/generate.js';
import * as backup from '../server/modules/backup/backup.service.js';
import { fixedClock } from '../server/clock.js';
import { actorForSessionToken } from '../server/modules/accounts/accounts.service.js';
import * as journal from '../server/modules/journal/journal.service.js';
import { BENCH_NOW } from './lib/dataset.js';
import { markWrites, state } from './scenarios/journal.js';
import { systemActor } from '../server/policy/actor.js';
import { numberFlag, parseFlags } from '../server/cli/args.js';

const { flags } = parseFlags(process.argv.slice(2));
const rows = numberFlag(flags, 'rows', 1_000_000);
const detailBytes = numberFlag(flags, 'detail', 300);

const dir = mkdtempSync(join(tmpdir(), 'otmetka-bench-backup-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', DEMO: 'false', TZ: 'Asia/Chita' });
// The benchmark's today, so the demo's current term holds past lessons to mark.
const ctx = await createContext(config, { clock: fixedClock(BENCH_NOW) });
const sqlite = ctx.db.sqlite!;

try {
  await generateDemoRegion(ctx, { scale: 0.01, seed: 75, yearStart: '2026-09-01' });
  const fillStart = performance.now();
  const insert = sqlite.prepare(`insert into security_events (account_id, person_id, kind, detail, ip, user_agent, at) values (?, ?, 'bench', ?, '10.0.0.1', 'bench', ?)`);
  const fill = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(i % 5000, i % 7000, `${i}:`.padEnd(detailBytes, 'x'), new Date(1_790_000_000_000 + i * 1000).toISOString());
  });
  for (let i = 0; i < rows; i += 50_000) fill(i, Math.min(rows, i + 50_000));
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = statSync(config.database.kind === 'sqlite' ? config.database.file : '').size;
  console.log(`database: ${rows} extra rows, ${(dbBytes / 1e6).toFixed(0)} MB, filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

  // Real mark writes through the journal (checked, audited, group-committed): teachers of the demo in their own courses.
  await markWrites.prepare!(ctx, {}, {});
  const writers = await Promise.all(
    state.writers.map(async (w) => ({ ...w, actor: (await actorForSessionToken(ctx, decodeURIComponent(w.cookie.split('=')[1]!)))! })),
  );
  if (writers.length === 0) throw new Error('no teacher with a course to write in');
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

  /** Mark writes one after another, each awaited like a request's; returns every acknowledgement latency. */
  const byPhase: Record<string, number> = {};
  // Garbage collection pauses the event loop too: the longest one tells a GC stall from a disk one.
  let longestGc = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
  }).observe({ entryTypes: ['gc'] });
  async function writeUntil(done: () => boolean): Promise<number[]> {
    const latencies: number[] = [];
    let n = 0;
    while (!done()) {
      const phase = backup.backupStatus(ctx, systemActor).phase ?? 'none';
      const t0 = performance.now();
      const w = pick(writers);
      await journal.writeChanges(ctx, w.actor, { changes: [{ kind: 'mark', lessonId: pick(w.lessonIds), studentId: pick(w.studentIds), value: String(2 + (n++ % 4)) }] } as never);
      latencies.push(performance.now() - t0);
      byPhase[phase] = Math.max(byPhase[phase] ?? 0, +(performance.now() - t0).toFixed(2));
      // A real server serves other requests between writes: yield to the event loop.
      await new Promise((r) => setImmediate(r));
    }
    return latencies;
  }

  const summary = (label: string, l: number[], loop: ReturnType<typeof monitorEventLoopDelay>) => {
    const sorted = [...l].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
    const line = {
      label,
      writes: l.length,
      p50: +pct(50).toFixed(2),
      p99: +pct(99).toFixed(2),
      max: +sorted.at(-1)!.toFixed(2),
      loopMax: +(loop.max / 1e6).toFixed(2),
      longestGc: +longestGc.toFixed(2),
    };
    longestGc = 0;
    console.log(JSON.stringify(line));
    return line;
  };

  // Baseline: the same writes for 10 s with no backup running (the machine's own noise).
  let loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const until = performance.now() + 10_000;
  const base = summary('no backup', await writeUntil(() => performance.now() > until), loop);
  loop.disable();
  for (const k of Object.keys(byPhase)) delete byPhase[k];

  loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  backup.startBackupNow(ctx, systemActor);
  let running = true;
  const finished = backup.settle(ctx).then(() => (running = false));
  const during = summary('during backup', await writeUntil(() => !running), loop);
  loop.disable();
  console.log(`longest write per backup phase (ms): ${JSON.stringify(byPhase)}`);
  await finished;
  const status = backup.backupStatus(ctx, systemActor);
  const list = await backup.listBackups(ctx, systemActor);
  const seconds = (performance.now() - started) / 1000;
  console.log(`backup: ${status.state}, ${list[0]?.name}, ${((list[0]?.sizeBytes ?? 0) / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s incl. verification, verified=${list[0]?.verified?.ok}`);

  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    /* not a checkout */
  }
  console.log(
    `RESULT | ${new Date().toISOString().slice(0, 10)} | ${commit} | ${(dbBytes / 1e6).toFixed(0)} MB | ${seconds.toFixed(1)} s | ${during.writes} | ${during.p99} ms | **${during.max} ms** | ${JSON.stringify(byPhase)} | ${during.loopMax} ms | ${base.max} ms | ${loadavg()[0]!.toFixed(1)} |`,
  );
} finally {
  await ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
}
