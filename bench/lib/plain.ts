import { fork } from 'node:child_process';
import { join } from 'node:path';
import { load, type LoadOptions, type LoadResult } from './load.js';

/** Runs a plain node:http process of this folder, hands it its setup over IPC, loads it, stops it. */
async function loadChild(script: string, setup: object, options: Partial<LoadOptions>): Promise<LoadResult> {
  const child = fork(join(import.meta.dirname, script), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('message', (m) => resolve((m as { port: number }).port));
    });
    await new Promise((resolve) => {
      child.once('message', resolve);
      child.send(setup);
    });
    return await load({ url: `http://127.0.0.1:${port}/`, connections: 64, ...options });
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * What this machine and the load generator manage at all for a body: the same
 * bytes from a plain node:http process (no framework, no session, no
 * database), with the same connections and duration. The serving limit
 * (`againstBaseline`) runs our whole HTTP stack; the gap between the two is
 * our own per-request cost, the gap below this one is the machine's.
 */
export async function plainLimit(body: string, options: Partial<LoadOptions> & { gzip?: boolean } = {}): Promise<LoadResult> {
  const { gzip = false, ...loadOptions } = options;
  return loadChild('plain-server.mjs', { body, gzip }, loadOptions);
}

/**
 * What the disk and SQLite manage for mark writes at all: a plain node:http
 * process writing each request's mark, audit record and chain head, group
 * committed with synchronous=FULL (durable-server.mjs), on the run's own
 * database file, with the same requests.
 */
export async function durableLimit(file: string, options: Partial<LoadOptions>): Promise<LoadResult> {
  return loadChild('durable-server.mjs', { file }, options);
}
