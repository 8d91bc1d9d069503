/**
 * Where the project's files are, whether this code runs as TypeScript source
 * (through tsx) or as the built JavaScript under dist/server (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no project root above ${start}`);
  }
}

/** The project folder (package.json, node_modules, dist). */
export const ROOT = findRoot(import.meta.dirname);
/** True when running the built JavaScript of dist/server. */
export const BUILT = import.meta.url.endsWith('.js');

/** The command line that runs the `otmetka` CLI in a child process, in the same form as this process. */
export function cliCommand(): string[] {
  if (BUILT) return [join(ROOT, 'dist', 'server', 'server', 'cli', 'main.js')];
  // tsx as a loader in one process (its CLI would start a second one).
  return ['--import', pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href, join(ROOT, 'server', 'cli', 'main.ts')];
}

/**
 * Node flags the server is meant to run with (README, `npm start`, the
 * benchmarks). With its default limit (about a quarter of the machine's
 * memory) V8 lets the heap grow fourfold before collecting: under the
 * benchmark's load it held about 95 MB of garbage that one full collection
 * brought back to 31 MB, and the process passed 200 MB. A 1 GB limit makes it
 * grow by about 1.6 instead (scale 0.1: peak 216 → 187 MB, throughput
 * unchanged) and still leaves room for a 100 000-row import (512 MB did not).
 * A young generation of 4 MB semi-spaces instead of up to 16 MB took the
 * region-scale run (600 schools) from 216 to 181 MB.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=1024', '--max-semi-space-size=4'];

/**
 * Environment the server is meant to run with (README's production command,
 * the benchmarks). glibc gives each thread that allocates (the WAL checkpoint
 * worker, V8's collector threads, libuv's pool hashing passwords and
 * compressing) an arena of its own, and what is freed in one stays resident.
 * Two arenas: scale 0.1, peak 203 → 189 MB, 141 → 133 MB at the first
 * scenario, throughput unchanged (bench/RESULTS.md, 2026-11-30).
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };
