/**
 * Journal test data for journeys that need a known course before the demo's
 * lessons and logins exist: seeded by server/test/journal-e2e-seed.ts into the
 * running server's database (a child process, so e2e code does not import the server).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { E2E_NOW } from './server.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface JournalSeed {
  courseId: number;
  termId: number;
  studentIds: number[];
  lessonIds: number[];
  todayLessonId: number;
  teacherCookie: { name: string; value: string; domain: string; path: string };
  deputyCookie: { name: string; value: string; domain: string; path: string };
}

export function seedJournal(dataDir: string): JournalSeed {
  const out = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'server', 'test', 'journal-e2e-seed.ts'), dataDir, E2E_NOW], { cwd: ROOT, encoding: 'utf8' });
  const raw = JSON.parse(out.trim().split('\n').at(-1)!) as Omit<JournalSeed, 'todayLessonId' | 'teacherCookie' | 'deputyCookie'> & { teacherCookie: string; deputyCookie: string };
  const cookie = (c: string) => {
    const [name, value] = c.split('=') as [string, string];
    return { name, value, domain: '127.0.0.1', path: '/' };
  };
  return { ...raw, todayLessonId: raw.lessonIds.at(-1)!, teacherCookie: cookie(raw.teacherCookie), deputyCookie: cookie(raw.deputyCookie) };
}
