import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './dataset.js';
import type { Kind, Mix } from './load-sessions.js';
import { runInfo } from './results.js';

export interface KindStats {
  kind: Kind;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** Answers by status ("network" for a refused or broken connection). */
  statuses: string;
}

export function summarise(kind: Kind, sample: { latencies: number[]; statuses: Map<string, number> }, seconds: number): KindStats {
  const sorted = [...sample.latencies].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
  let errors = 0;
  for (const [status, n] of sample.statuses) if (!/^2\d\d$/.test(status)) errors += n;
  return {
    kind,
    requests: sorted.length,
    rps: sorted.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
    errors,
    statuses: [...sample.statuses].map(([s, n]) => `${s}×${n}`).join(', '),
  };
}

export interface LoadRun {
  scale: number;
  sessions: number;
  mix: Mix;
  seconds: number;
  /** Think time per role, as text. */
  think: string;
  seed: number;
  loadBefore: number;
  loadAfter: number;
  peakRss: number;
  requests: number;
  errors: number;
}

const HEADER = '## Load (issue 11)';
const INTRO = `${HEADER}

\`npm run bench:load\` (full form: 1 000 sessions for 5 minutes at scale 0.1; CI runs a short form). Every
session is a distinct account of the dataset with a real session (the demo has one coordinator and one
municipal officer, so further officials are created in the run's working copy) and one keep-alive
connection. Between an answer and its next request a session thinks (teacher 2–8 s, guardian 5–20 s,
official 10–30 s; about 105 requests a second offered by 1 000 sessions; \`--think-scale\` shortens it).
Teachers read their grid (60 %) and write marks in their own course (40 %: new marks, changes and
deletes of their own, so no two sessions share a cell), guardians read a child's diary week, officials
read their municipality's or the region's dashboard. The load generator runs on the same machine as the
server. An error is any non-2xx answer, a broken connection or a 30 s timeout; the run fails on any.
`;

/** Adds the run to the "Load (issue 11)" section of bench/RESULTS.md, after the runs already there. */
export function recordLoad(run: LoadRun, stats: KindStats[]): void {
  const info = runInfo(run.scale, 'sqlite');
  const entry = [
    '',
    `### ${info.date} · commit ${info.commit} · scale ${run.scale} · ${run.sessions} sessions · ${run.seconds} s`,
    '',
    `Machine: ${info.machine}; load average (1 min) ${run.loadBefore.toFixed(2)} at the start, ${run.loadAfter.toFixed(2)} at the end. ` +
      `Sessions: ${run.mix.teachers} teachers, ${run.mix.guardians} guardians, ${run.mix.officials} officials; think time ${run.think}; seed ${run.seed}. ` +
      `Total ${run.requests.toLocaleString('en')} requests, **errors ${run.errors}**, server peak RSS ${run.peakRss.toFixed(0)} MB.`,
    '',
    '| kind | requests | req/s | p50 | p99 | max | errors | answers |',
    '|---|---|---|---|---|---|---|---|',
    ...stats.map((s) => `| ${s.kind} | ${s.requests.toLocaleString('en')} | ${s.rps.toFixed(1)} | ${s.p50.toFixed(1)} ms | ${s.p99.toFixed(1)} ms | ${s.max.toFixed(0)} ms | ${s.errors} | ${s.statuses} |`),
    '',
  ].join('\n');
  const file = join(BENCH_DIR, 'RESULTS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = text.indexOf(`\n${HEADER}\n`);
  if (start < 0) {
    writeFileSync(file, `${text.replace(/\n*$/, '\n')}\n${INTRO}${entry}`);
    return;
  }
  const next = text.indexOf('\n## ', start + HEADER.length + 1);
  const at = next < 0 ? text.length : next;
  writeFileSync(file, `${text.slice(0, at).replace(/\n*$/, '\n')}${entry}${text.slice(at)}`);
}
