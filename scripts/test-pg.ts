/**
 * Runs the integration suite (*.int.test.ts) on PostgreSQL. Uses DATABASE_URL
 * when it points at PostgreSQL (each test file creates and drops a database
 * of its own there); otherwise starts a throwaway cluster with initdb/pg_ctl
 * in a temporary folder on a free port, and removes it afterwards.
 */
import { spawnSync } from 'node:child_process';
import { startCluster } from './pg-cluster.js';

async function main(): Promise<number> {
  let adminUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
  let cleanup = () => {};
  if (!adminUrl) {
    const cluster = await startCluster({ durable: false });
    adminUrl = cluster.adminUrl;
    cleanup = () => cluster.stop();
    console.log(`test:pg: throwaway cluster at ${adminUrl}`);
  }
  try {
    const args = ['vitest', 'run', '--dir', '.', ...(process.argv.slice(2).length ? process.argv.slice(2) : ['int.test'])];
    const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, OTMETKA_TEST_PG_URL: adminUrl } });
    return result.status ?? 1;
  } finally {
    cleanup();
  }
}

process.exit(await main());
