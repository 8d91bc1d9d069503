/**
 * Seeds a journal course into a running e2e server's SQLite file (WAL allows a
 * second writer) and prints the ids and session cookies as JSON. Run by
 * e2e/support/journal-data.ts in a child process: e2e code does not import
 * the server.
 */
import { join } from 'node:path';
import { createContext } from '../bootstrap.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { journalFixture } from '../modules/journal/journal-fixture.js';

const [dataDir, now] = process.argv.slice(2) as [string, string];
const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'otmetka.sqlite')}`, LOG_LEVEL: 'silent', DEMO: 'false' }), {
  clock: fixedClock(now),
});
const f = await journalFixture(ctx, { students: 7 });
await ctx.db.close();
console.log(JSON.stringify({ courseId: f.courseId, termId: f.termId, studentIds: f.studentIds, lessonIds: f.lessonIds, teacherCookie: f.teacher.cookie, deputyCookie: f.deputy.cookie }));
