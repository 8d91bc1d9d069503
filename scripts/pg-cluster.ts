/**
 * A throwaway PostgreSQL cluster (initdb + pg_ctl from Debian's postgresql)
 * in a temporary folder on a free port, for the PostgreSQL tests and benchmarks.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function findPgBin(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  }
  throw new Error('PostgreSQL server binaries not found: apt-get install -y postgresql (or set DATABASE_URL=postgres://…)');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** initdb refuses to run as root, so the cluster belongs to the postgres user when we are root. */
function asPgUser(bin: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const cmd = isRoot ? 'runuser' : bin;
  const fullArgs = isRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  execFileSync(cmd, fullArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface Cluster {
  /** Connection URL of the `postgres` database as the cluster's superuser `otmetka`. */
  adminUrl: string;
  bin: string;
  stop(): void;
}

/**
 * Starts a cluster. `durable: false` turns fsync off (tests: speed, nothing to
 * keep); benchmarks keep it on, as a production server would.
 */
export async function startCluster(options: { durable: boolean }): Promise<Cluster> {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'otmetka-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const data = join(dir, 'data');
  asPgUser(join(bin, 'initdb'), ['-D', data, '-U', 'otmetka', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const fsync = options.durable ? '' : ' -c fsync=off';
  asPgUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fsync} -c max_connections=300`, 'start']);
  return {
    adminUrl: `postgres://otmetka@127.0.0.1:${port}/postgres`,
    bin,
    stop() {
      try {
        asPgUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
