import { execSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR } from './dataset.js';

export interface Row {
  scenario: string;
  measured: string;
  target: string;
  /** Ratio to the baseline measured in the same run, or a verdict. */
  verdict: string;
  note?: string;
  /** The row's main figure as a number (requests a second), for comparing runs. */
  rps?: number;
}

export interface RunInfo {
  commit: string;
  date: string;
  machine: string;
  scale: number;
  database: 'sqlite' | 'postgres';
}

export function runInfo(scale: number, database: 'sqlite' | 'postgres'): RunInfo {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: BENCH_DIR }).toString().trim();
    if (execSync('git status --porcelain', { cwd: BENCH_DIR }).toString().trim()) commit += '+changes';
  } catch {
    /* not a git checkout */
  }
  const cpu = cpus();
  return {
    commit,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    scale,
    database,
  };
}

export function printTable(rows: Row[]): void {
  console.table(rows.map((r) => ({ scenario: r.scenario, measured: r.measured, target: r.target, verdict: r.verdict })));
}

/** Appends the run to bench/RESULTS.md and writes bench/results/<date>-<commit>.json. */
export function recordRun(info: RunInfo, rows: Row[]): void {
  const file = join(BENCH_DIR, 'RESULTS.md');
  if (!existsSync(file)) {
    writeFileSync(
      file,
      '# Benchmark results\n\nEach run of `npm run bench` appends a section: the commit, the date, the machine, the scale and the database. ' +
        'Ratios compare with baselines measured in the same run, because absolute figures drift on a shared machine.\n',
    );
  }
  const lines = [
    '',
    `## ${info.date} · commit ${info.commit} · scale ${info.scale} · ${info.database}`,
    '',
    `Machine: ${info.machine}`,
    '',
    '| scenario | measured | target | verdict | note |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.scenario} | ${r.measured} | ${r.target} | ${r.verdict} | ${r.note ?? ''} |`),
    '',
  ];
  appendFileSync(file, lines.join('\n'));
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  const name = `${info.date.slice(0, 10)}-${info.commit.replace(/\W/g, '')}-${info.scale}-${info.database}.json`;
  writeFileSync(join(BENCH_DIR, 'results', name), `${JSON.stringify({ ...info, rows }, null, 2)}\n`);
}

export const fmt = {
  ms: (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`,
  rps: (v: number) => `${Math.round(v).toLocaleString('en')} req/s`,
  mb: (v: number) => `${v.toFixed(0)} MB`,
  kb: (v: number) => `${(v / 1024).toFixed(1)} KB`,
  s: (v: number) => `${(v / 1000).toFixed(2)} s`,
};

/** Adds to each row of a PostgreSQL run its ratio to the same row of the latest SQLite run of this scale (from bench/results). */
export function compareWithSqlite(rows: Row[], scale: number): void {
  const dir = join(BENCH_DIR, 'results');
  if (!existsSync(dir)) return;
  const latest = readdirSync(dir)
    .filter((f) => f.endsWith(`-${scale}-sqlite.json`))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .at(-1);
  if (!latest) return;
  const sqlite = (JSON.parse(readFileSync(latest, 'utf8')) as { rows: Row[] }).rows;
  for (const row of rows) {
    const same = sqlite.find((r) => r.scenario === row.scenario);
    if (row.rps && same?.rps) row.note = `${row.note ?? ''}; ${(row.rps / same.rps).toFixed(2)} × SQLite (${fmt.rps(same.rps)})`;
  }
}
