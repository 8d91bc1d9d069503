import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  bytesPerRequest: number;
}

export interface LoadOptions {
  url: string;
  connections?: number;
  duration?: number;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  headers?: Record<string, string>;
  body?: string;
  /** Rotate through these requests (e.g. many pupils' diaries) instead of one URL. */
  requests?: Array<{ method?: string; path: string; body?: string; headers?: Record<string, string> }>;
  /** Or send one of these, picked at random, each time (e.g. marks of many teachers). */
  pool?: Array<{ method?: string; path?: string; body?: string; headers?: Record<string, string> }>;
}

/** One autocannon run, in a process of its own (load-child.mjs); latencies in milliseconds. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const child = fork(join(import.meta.dirname, 'load-child.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const result = await new Promise<ChildResult>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the load process ended (${code}) before its result`)));
      child.once('message', (m) => resolve(m as ChildResult));
      child.send({
        url: options.url,
        connections: options.connections ?? 64,
        duration: options.duration ?? 10,
        method: options.method ?? 'GET',
        headers: options.headers,
        body: options.body,
        requests: options.requests,
        pool: options.pool,
      });
    });
    const { throughput, ...figures } = result;
    return { ...figures, bytesPerRequest: result.requests > 0 ? Math.round(throughput / result.requests) : 0 };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

interface ChildResult extends Omit<LoadResult, 'bytesPerRequest'> {
  throughput: number;
}
