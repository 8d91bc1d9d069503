import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createContext } from '../../server/bootstrap.js';
import { fixedClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { generateDemoRegion } from '../../server/demo/generate.js';
import type { Cluster } from '../../scripts/pg-cluster.js';
import { BENCH_NOW, datasetFile } from './dataset.js';

const DATABASE = 'otmetka_bench';

export async function openPostgres(url: string, dataDir: string): Promise<AppContext> {
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, DEMO: 'false', LOG_LEVEL: 'warn' });
  return createContext(config, { clock: fixedClock(BENCH_NOW) });
}

/**
 * The region dataset in a fresh database of the cluster: restored from the
 * kept dump (pg_dump -Fc) of this scale and schema, or generated once and dumped.
 */
export async function ensurePgDataset(cluster: Cluster, scale: number, dataDir: string, log: (m: string) => void): Promise<{ url: string; generatedMs: number | null }> {
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE}`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const url = cluster.adminUrl.replace(/\/postgres$/, `/${DATABASE}`);
  const dump = datasetFile(scale).replace(/\.sqlite$/, '.pgdump');
  if (existsSync(dump)) {
    log('restoring the PostgreSQL dataset…');
    execFileSync(join(cluster.bin, 'pg_restore'), ['--no-owner', '-d', url, dump], { stdio: 'inherit' });
    return { url, generatedMs: null };
  }
  const started = performance.now();
  const ctx = await openPostgres(url, dataDir);
  await generateDemoRegion(ctx, { scale, seed: 75, yearStart: '2026-09-01', log });
  await ctx.db.close();
  const generatedMs = performance.now() - started;
  execFileSync(join(cluster.bin, 'pg_dump'), ['-Fc', '-f', `${dump}.partial`, url], { stdio: 'inherit' });
  renameSync(`${dump}.partial`, dump);
  rmSync(`${dump}.partial`, { force: true });
  return { url, generatedMs };
}
