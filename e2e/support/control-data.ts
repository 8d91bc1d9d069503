/** Control and reports test data seeded into the running server (server/test/control-e2e-seed.ts, in a child process). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { E2E_NOW } from './server.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ControlSeed {
  schoolId: number;
  mathA: number;
  deputyCookie: { name: string; value: string; domain: string; path: string };
  teacherCookie: { name: string; value: string; domain: string; path: string };
}

export function seedControl(dataDir: string): ControlSeed {
  const out = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'server', 'test', 'control-e2e-seed.ts'), dataDir, E2E_NOW], { cwd: ROOT, encoding: 'utf8' });
  const raw = JSON.parse(out.trim().split('\n').at(-1)!) as { schoolId: number; mathA: number; deputyCookie: string; teacherCookie: string };
  const cookie = (c: string) => {
    const [name, value] = c.split('=') as [string, string];
    return { name, value, domain: '127.0.0.1', path: '/' };
  };
  return { ...raw, deputyCookie: cookie(raw.deputyCookie), teacherCookie: cookie(raw.teacherCookie) };
}
