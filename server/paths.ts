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
