/**
 * Seeds the reports fixture (a school with 5А and 5Б, two teachers, marks,
 * attendance, topics and term marks written through the journal's API) into
 * a running e2e server's SQLite file and prints the session cookies as JSON.
 * Run by e2e/support/control-data.ts in a child process, until the demo has
 * lessons, marks and logins of its own.
 */
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { createContext } from '../bootstrap.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { reportsFixture } from '../modules/reports/reports-fixture.js';

const [dataDir, now] = process.argv.slice(2) as [string, string];
const clock = fixedClock(now);
const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'otmetka.sqlite')}`, LOG_LEVEL: 'silent', DEMO: 'false' }), { clock });
const app = await buildApp(ctx);
await app.ready();
const f = await reportsFixture({ app, ctx, clock, dataDir, close: async () => {} });
await app.close();
await ctx.db.close();
console.log(JSON.stringify({ schoolId: f.schoolId, mathA: f.mathA, deputyCookie: f.deputy.cookie, teacherCookie: f.a.cookie }));
