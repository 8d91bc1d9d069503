/** Diary test data seeded into the running server's database (server/test/diary-e2e-seed.ts, a child process). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { E2E_NOW } from './server.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface DiarySeed {
  childA: number;
  childB: number;
  pupilId: number;
  otherPupilId: number;
  todayLessonA: number;
  lastWeekLessonA: number;
  guardianCookie: string;
  pupilCookie: string;
  teacherCookie: string;
  classTeacherCookie: string;
}

export function seedDiary(dataDir: string): DiarySeed {
  const out = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'server', 'test', 'diary-e2e-seed.ts'), dataDir, E2E_NOW], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as DiarySeed;
}

export function browserCookie(cookie: string) {
  const [name, value] = cookie.split('=') as [string, string];
  return { name, value, domain: '127.0.0.1', path: '/' };
}

/** An API call as a signed-in person (the CSRF header included): the teacher entering a mark, a probe of access. */
export async function apiAs(baseUrl: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, 'x-otmetka-csrf': '1', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
