import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../server/paths.js';

const ROOT = join(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface BenchServer {
  url: string;
  pid: number;
  startupMs: number;
  /** Highest resident set size seen so far, in MB (sampled every 200 ms from /proc). */
  peakRssMb(): number;
  resetPeak(): void;
  stop(): Promise<void>;
  /** Kills the process at once with SIGKILL (no shutdown hooks run): a crash. */
  crash(): Promise<void>;
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

let built = false;
/** The server's built JavaScript (dist/server), rebuilt once per benchmark process so it is never stale. */
function buildServer(): void {
  if (built) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the server failed');
  built = true;
}

/** The server as its own process (as in production: the built JavaScript), on the given data folder or database. */
export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  buildServer();
  const port = await freePort();
  const started = performance.now();
  // BENCH_PROFILE=<dir> writes a V8 CPU profile of the server there when it stops (read it with bench/profile.ts).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  // Run as production runs it; BENCH_NODE_FLAGS="--flag …" adds Node/V8 flags to the server only (to try heap settings).
  const flags = [...SERVER_NODE_FLAGS, ...(process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean)];
  const child: ChildProcess = spawn(process.execPath, [...flags, ...profile, join(ROOT, 'dist', 'server', 'server', 'cli', 'main.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...SERVER_ENV, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', BENCH_ROUTES: 'true', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startupMs = performance.now() - started;
  let peak = rssMb(child.pid!);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(child.pid!));
  }, 200);
  return {
    url,
    pid: child.pid!,
    startupMs,
    peakRssMb: () => peak,
    resetPeak: () => {
      peak = rssMb(child.pid!);
    },
    async stop() {
      clearInterval(timer);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    async crash() {
      clearInterval(timer);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
