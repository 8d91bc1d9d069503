/**
 * `npm run bench:load [-- --sessions 1000] [--seconds 300] [--scale 0.1] [--think-scale 1] [--seed N] [--no-record]`
 *
 * Load (issue 11): many concurrent sessions of distinct accounts of the region
 * dataset, each a closed loop with think time between requests (THINK below,
 * times --think-scale; lower it to press harder), against the
 * server as its own process: teachers read their journal grid and write marks
 * (new marks, changes and deletes of their own, in their own course: no two
 * writers share a cell), guardians read a child's diary week, officials read
 * the municipality and region dashboards. Each session keeps one keep-alive
 * connection, like a browser tab. Prints p50/p99 and errors per kind, appends
 * them to bench/RESULTS.md (section "Load (issue 11)"), and exits 1 on any
 * error (a non-2xx answer, a refused connection, a timeout).
 * The defaults are the full form; CI runs a short one (.ci/run).
 */
import { randomInt } from 'node:crypto';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { numberFlag, parseFlags } from '../server/cli/args.js';
import { Random } from '../server/demo/random.js';
import { verifyAuditChains } from '../server/modules/journal/journal.service.js';
import { addDays, localDateOf } from '../shared/dates.js';
import { BENCH_DIR, BENCH_NOW, ensureDataset, openSqlite, workingCopy } from './lib/dataset.js';
import { KINDS, mixFor, prepareSessions, type Kind, type LoadSession } from './lib/load-sessions.js';
import { recordLoad, summarise } from './lib/load-results.js';
import { startBenchServer } from './lib/server.js';

const { flags } = parseFlags(process.argv.slice(2));
const sessionCount = numberFlag(flags, 'sessions', 1000);
const seconds = numberFlag(flags, 'seconds', 300);
const scale = numberFlag(flags, 'scale', 0.1);
const thinkScale = numberFlag(flags, 'think-scale', 1);
/**
 * Pause between one answer and the next request, in ms, per role: a teacher
 * entering marks one by one with a look at the grid now and then; a guardian
 * reading a week and turning to another; an official reading a dashboard.
 * 1 000 sessions → about 50 + 50 + 5 ≈ 105 requests a second offered.
 */
const THINK: Record<LoadSession['role'], [number, number]> = { teacher: [2000, 8000], guardian: [5000, 20000], official: [10000, 30000] };
const think = (s: LoadSession, rnd: Random) => Math.round(rnd.int(THINK[s.role][0], THINK[s.role][1]) * thinkScale);
const seed = flags.seed !== undefined ? numberFlag(flags, 'seed', 0) : randomInt(1, 2 ** 31 - 1);
const log = (m: string) => console.log(`[load] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Req {
  kind: Kind;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface Sample {
  latencies: number[];
  statuses: Map<string, number>;
  errors: string[];
}

function send(agent: Agent, port: number, cookie: string, r: Req): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { cookie };
    if (r.body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'x-otmetka-csrf': '1', 'content-length': String(Buffer.byteLength(r.body)) });
    const req = request({ host: '127.0.0.1', port, path: r.path, method: r.method, headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', (e) => resolve({ status: 0, body: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', (e) => resolve({ status: 0, body: e.message }));
    req.end(r.body);
  });
}

/** A teacher's own marks written during the run, so they can change or delete them without conflicts. */
interface OwnMark {
  id: number;
  version: number;
  lessonId: number;
  studentId: number;
  value: string;
}

const WEEK = '2027-03-15';

function nextRequest(s: LoadSession, rnd: Random, own: OwnMark[]): Req {
  if (s.role === 'guardian') {
    const week = rnd.chance(0.8) ? WEEK : addDays(WEEK, -7 * rnd.int(1, 4));
    return { kind: 'guardian.diary', method: 'GET', path: `/api/diary/students/${s.childId}/week?week=${week}` };
  }
  if (s.role === 'official') {
    if (s.municipalityId !== null) return { kind: 'official.municipality', method: 'GET', path: `/api/monitoring/municipalities/${s.municipalityId}` };
    return { kind: 'official.region', method: 'GET', path: `/api/monitoring/regions/${s.regionId}` };
  }
  if (rnd.chance(0.6)) return { kind: 'teacher.grid', method: 'GET', path: `/api/journal/courses/${s.courseId}?termId=${s.termId}` };
  const value = rnd.pick(['2', '3', '4', '5']);
  let change: Record<string, unknown>;
  if (own.length > 0 && rnd.chance(0.3)) {
    const m = own[rnd.int(0, own.length - 1)]!;
    change = { kind: 'mark', lessonId: m.lessonId, studentId: m.studentId, markId: m.id, version: m.version, value: rnd.chance(0.3) ? null : value };
  } else {
    change = { kind: 'mark', lessonId: rnd.pick(s.lessonIds), studentId: rnd.pick(s.studentIds), value };
  }
  return { kind: 'teacher.write', method: 'POST', path: '/api/journal/changes', body: JSON.stringify({ changes: [change] }) };
}

/** Keeps the teacher's list of own marks in step with an acknowledged write. */
function afterWrite(r: Req, body: string, own: OwnMark[]): void {
  const change = (JSON.parse(r.body!) as { changes: Array<{ markId?: number; lessonId: number; studentId: number }> }).changes[0]!;
  const result = (JSON.parse(body) as { results: Array<{ id: number; version: number; value: string | null }> }).results[0]!;
  const i = own.findIndex((m) => m.id === result.id);
  if (result.value === null) own.splice(i, 1);
  else if (change.markId === undefined) own.push({ id: result.id, version: result.version, lessonId: change.lessonId, studentId: change.studentId, value: result.value });
  else own[i] = { ...own[i]!, version: result.version, value: result.value };
}

async function runSession(s: LoadSession, index: number, port: number, end: number, samples: Map<Kind, Sample>): Promise<void> {
  const rnd = new Random(seed).fork(`session${index}`);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const own: OwnMark[] = [];
  // Sessions arrive spread over their mean think time, as in the steady state, not all at once.
  await sleep(rnd.int(0, Math.round(((THINK[s.role][0] + THINK[s.role][1]) / 2) * thinkScale)));
  while (Date.now() < end) {
    const r = nextRequest(s, rnd, own);
    const t0 = performance.now();
    const res = await send(agent, port, s.cookie, r);
    const sample = samples.get(r.kind)!;
    sample.latencies.push(performance.now() - t0);
    const key = res.status === 0 ? 'network' : String(res.status);
    sample.statuses.set(key, (sample.statuses.get(key) ?? 0) + 1);
    if (res.status >= 200 && res.status < 300) {
      if (r.kind === 'teacher.write') afterWrite(r, res.body, own);
    } else if (sample.errors.length < 5) {
      sample.errors.push(`${r.method} ${r.path} → ${res.status}: ${res.body.slice(0, 200)}`);
    }
    await sleep(Math.min(think(s, rnd), end - Date.now()));
  }
  agent.destroy();
}

function thinkText(): string {
  const f = (ms: number) => `${Math.round((ms * thinkScale) / 100) / 10}`;
  return Object.entries(THINK).map(([role, [a, b]]) => `${role} ${f(a)}–${f(b)} s`).join(', ');
}

async function main(): Promise<number> {
  const mix = mixFor(sessionCount);
  log(`seed ${seed}; ${sessionCount} sessions (${mix.teachers} teachers, ${mix.guardians} guardians, ${mix.officials} officials) for ${seconds} s at scale ${scale}, think time × ${thinkScale}`);
  const dataset = await ensureDataset(scale, log);
  const runDir = join(BENCH_DIR, 'out', `load-${Date.now()}`);
  const file = workingCopy(dataset.file, runDir);
  const ctx = await openSqlite(file);
  const today = localDateOf(new Date(BENCH_NOW), ctx.config.timeZone);
  const sessions = await prepareSessions(ctx, mix, today, seed);
  await ctx.db.close();
  const server = await startBenchServer({ DATA_DIR: runDir, DATABASE_URL: `sqlite:${file}`, FIXED_NOW: BENCH_NOW, BACKUP_HOUR: 'off' });
  const port = Number(new URL(server.url).port);
  const samples = new Map(KINDS.map((k): [Kind, Sample] => [k, { latencies: [], statuses: new Map(), errors: [] }]));
  const loadBefore = loadavg()[0]!;
  const started = Date.now();
  let peakRss: number;
  let elapsed = 0;
  let chainBroken = 0;
  try {
    server.resetPeak();
    await Promise.all(sessions.map((s, i) => runSession(s, i, port, started + seconds * 1000, samples)));
    elapsed = (Date.now() - started) / 1000;
    peakRss = server.peakRssMb();
    await server.stop();
    // The marks written under load went through the audit chain like any other.
    const after = await openSqlite(file);
    chainBroken = (await verifyAuditChains(after)).broken.length;
    await after.db.close();
  } finally {
    await server.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
  const stats = KINDS.map((k) => summarise(k, samples.get(k)!, elapsed));
  const loadAfter = loadavg()[0]!;
  const errors = stats.reduce((n, s) => n + s.errors, 0) + chainBroken;
  const requests = stats.reduce((n, s) => n + s.requests, 0);
  console.table(stats.map((s) => ({ kind: s.kind, requests: s.requests, 'req/s': s.rps.toFixed(1), 'p50 ms': s.p50.toFixed(1), 'p99 ms': s.p99.toFixed(1), 'max ms': s.max.toFixed(0), errors: s.errors })));
  for (const k of KINDS) for (const e of samples.get(k)!.errors) log(`ERROR ${k}: ${e}`);
  log(`${sessionCount} sessions, ${requests} requests in ${elapsed.toFixed(0)} s, errors ${errors}; audit chains broken ${chainBroken}; server peak RSS ${peakRss.toFixed(0)} MB; load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}`);
  if (flags['no-record']) log('not recorded (--no-record)');
  else recordLoad({ scale, sessions: sessionCount, mix, seconds, think: thinkText(), seed, loadBefore, loadAfter, peakRss, requests, errors }, stats);
  if (!flags['no-record']) log('results added to bench/RESULTS.md (section "Load (issue 11)")');
  return errors === 0 && requests > 0 ? 0 : 1;
}

process.exit(await main());
