import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createContext } from '../../server/bootstrap.js';
import { fixedClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { generateDemoRegion } from '../../server/demo/generate.js';
import { migrationList } from '../../server/db/migrations/index.js';

export const BENCH_DIR = join(import.meta.dirname, '..');
/** The benchmark's "today": a Wednesday late in the third quarter, so most of the year holds data. */
export const BENCH_NOW = '2027-03-17T03:00:00.000Z';

/** Kept per scale and per schema: a dataset of an older schema is never reused. */
export function datasetFile(scale: number): string {
  const latest = Object.keys(migrationList('sqlite')).sort().at(-1)!.slice(0, 4);
  return join(BENCH_DIR, 'data', `region-${scale}-schema${latest}.sqlite`);
}

/** The newest kept dataset of this scale made on an older schema, if any. */
function olderDataset(scale: number): string | null {
  const current = basename(datasetFile(scale));
  const older = readdirSync(join(BENCH_DIR, 'data'))
    .filter((name) => name.startsWith(`region-${scale}-schema`) && name.endsWith('.sqlite') && name < current)
    .sort();
  return older.length ? join(BENCH_DIR, 'data', older.at(-1)!) : null;
}

/**
 * Generates the region dataset once per scale and keeps it; later runs reuse
 * the file. With `migrateOlder` (bench flag --migrate-dataset), a dataset of
 * an older schema is copied and migrated instead: only right when the
 * generator has not changed since that file was made (the run says so in
 * its table), and a scale-1 generation takes about 17 minutes.
 */
export async function ensureDataset(
  scale: number,
  log: (m: string) => void,
  options: { migrateOlder?: boolean } = {},
): Promise<{ file: string; generatedMs: number | null; migratedFrom?: string }> {
  const file = datasetFile(scale);
  if (existsSync(file)) return { file, generatedMs: null };
  mkdirSync(join(BENCH_DIR, 'data'), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const older = options.migrateOlder ? olderDataset(scale) : null;
  if (older) {
    log(`migrating ${basename(older)} to the current schema…`);
    copyFileSync(older, partial);
    const ctx = await openSqlite(partial, { LOG_LEVEL: 'warn' });
    await closeKept(ctx, partial, file);
    return { file, generatedMs: null, migratedFrom: basename(older) };
  }
  const started = performance.now();
  const ctx = await openSqlite(partial, { LOG_LEVEL: 'warn' });
  await generateDemoRegion(ctx, { scale, seed: 75, yearStart: '2026-09-01', log });
  await closeKept(ctx, partial, file);
  return { file, generatedMs: performance.now() - started };
}

async function closeKept(ctx: AppContext, partial: string, file: string): Promise<void> {
  // One self-contained file: fold the WAL back before closing.
  ctx.db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  await ctx.db.close();
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  renameSync(partial, file);
}

/** A working copy for one run, so that writes made by the benchmark never change the kept dataset. */
export function workingCopy(file: string, runDir: string): string {
  mkdirSync(runDir, { recursive: true });
  const copy = join(runDir, 'otmetka.sqlite');
  copyFileSync(file, copy);
  return copy;
}

/** `now`: the clock of the server that will serve this file (sessions made here must still be live then). */
export async function openSqlite(file: string, env: Record<string, string> = {}, now = BENCH_NOW): Promise<AppContext> {
  const config = loadConfig({ DATA_DIR: join(file, '..'), DATABASE_URL: `sqlite:${file}`, DEMO: 'false', LOG_LEVEL: 'warn', ...env });
  return createContext(config, { clock: fixedClock(now) });
}
