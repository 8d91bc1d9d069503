/**
 * Journal benchmarks (issue 5), on SQLite with synchronous=FULL:
 *  1. the grid of 30 pupils × 45 lessons with its marks, against the same bytes
 *     served from memory by the same server in the same run (64 connections);
 *  2. durable, audited mark writes from 64 concurrent writers.
 * Run: npx tsx bench/journal.bench.ts [--seconds 10]   (prints a RESULTS.md line)
 */
import autocannon from 'autocannon';
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.js';
import { createContext } from '../server/bootstrap.js';
import { fixedClock } from '../server/clock.js';
import { loadConfig } from '../server/config.js';
import { journalFixture } from '../server/modules/journal/journal-fixture.js';
import { verifyAuditChains } from '../server/modules/journal/journal.service.js';
import { makeLessons } from '../server/test/structure-factories.js';
import { addDays } from '../shared/dates.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 10;
const dataDir = mkdtempSync(join(tmpdir(), 'otmetka-bench-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO: 'false', TZ: 'Asia/Chita' });
const ctx = await createContext(config, { clock: fixedClock('2026-10-14T03:00:00.000Z') });

// 30 pupils, 45 lessons (two a day on weekdays from 1 September), a mark in 60 % of cells, a few absences.
const dates: string[] = [];
for (let d = '2026-09-01'; dates.length < 45; d = addDays(d, 1)) if (new Date(`${d}T00:00:00Z`).getUTCDay() % 6 !== 0) dates.push(d, d);
const f = await journalFixture(ctx, { students: 30, dates: [] });
const lessonIds: number[] = [];
for (let i = 0; i < 45; i++) lessonIds.push(...(await makeLessons(ctx, { schoolId: f.schoolId, courseId: f.courseId, termId: f.termId, teacherPersonId: f.teacherPersonId, dates: [dates[i]!], number: (i % 2) + 1 })));
await ctx.db.kysely.updateTable('lessons').set({ topic: 'Сложение и вычитание дробей с разными знаменателями', homework: '§ 12, № 345, 346' }).where('course_id', '=', f.courseId).execute();
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const marks = [];
const absences = [];
for (const lessonId of lessonIds) {
  for (const studentId of f.studentIds) {
    if (rnd() < 0.6) marks.push({ school_id: f.schoolId, lesson_id: lessonId, student_person_id: studentId, value: String(2 + Math.floor(rnd() * 4)), numeric: null, weight: 1, work_type_id: null, comment: '', entered_by: f.teacherPersonId, entered_at: '2026-10-01T05:00:00.000Z', updated_at: '2026-10-01T05:00:00.000Z', version: 1, deleted: 0 });
    else if (rnd() < 0.1) absences.push({ school_id: f.schoolId, lesson_id: lessonId, student_person_id: studentId, code: 'ill' as const, entered_by: f.teacherPersonId, entered_at: '2026-10-01T05:00:00.000Z', updated_at: '2026-10-01T05:00:00.000Z', version: 1 });
  }
}
for (let i = 0; i < marks.length; i += 500) await ctx.db.kysely.insertInto('marks').values(marks.slice(i, i + 500)).execute();
await ctx.db.kysely.insertInto('attendance').values(absences).execute();

const app = await buildApp(ctx);
let memory = Buffer.alloc(0);
// The baseline: the same bytes from memory, behind the same session and permission check.
app.get('/api/bench/memory', { config: { permission: 'authenticated' } }, async (_req, reply) => reply.type('application/json; charset=utf-8').send(memory));
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const headers = { cookie: f.teacher.cookie };
const gridUrl = `${base}/api/journal/courses/${f.courseId}?termId=${f.termId}`;
const first = await fetch(gridUrl, { headers });
memory = Buffer.from(await first.arrayBuffer());
if (first.status !== 200) throw new Error(`grid answered ${first.status}`);

const run = (opts: autocannon.Options) => autocannon({ connections: 64, duration: seconds, headers, ...opts });
const grid = await run({ url: gridUrl });
const mem = await run({ url: `${base}/api/bench/memory` });

// Writes: each request one new mark in a random past cell, acknowledged after its (group) commit.
const before = Number((await ctx.db.kysely.selectFrom('marks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const writes = await run({
  url: `${base}/api/journal/changes`,
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json', 'x-otmetka-csrf': '1' },
  requests: [
    {
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ changes: [{ kind: 'mark', lessonId: lessonIds[Math.floor(Math.random() * 45)], studentId: f.studentIds[Math.floor(Math.random() * 30)], value: String(2 + Math.floor(Math.random() * 4)) }] }),
      }),
    },
  ],
});
const after = Number((await ctx.db.kysely.selectFrom('marks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const chain = await verifyAuditChains(ctx, f.schoolId);
await app.close();
await ctx.db.close();
rmSync(dataDir, { recursive: true, force: true });

const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const ratio = grid.requests.average / mem.requests.average;
const report = {
  gridBytes: memory.length,
  gridRps: Math.round(grid.requests.average),
  memoryRps: Math.round(mem.requests.average),
  ratio: Number(ratio.toFixed(2)),
  gridP99ms: grid.latency.p99,
  grid2xx: grid['2xx'],
  gridNon2xx: grid.non2xx,
  writesPerSecond: Math.round(writes['2xx'] / seconds),
  writeP99ms: writes.latency.p99,
  writesAcknowledged: writes['2xx'],
  writeErrors: writes.non2xx + writes.errors,
  marksStored: after - before,
  auditChainBroken: chain.broken.length,
};
console.log(JSON.stringify(report, null, 2));
console.log(
  `| ${new Date().toISOString().slice(0, 10)} | ${commit} | journal grid 30×45 (${report.gridBytes} B): ${report.gridRps} req/s vs memory ${report.memoryRps} req/s, ratio ${report.ratio}, p99 ${report.gridP99ms} ms | mark writes ${report.writesPerSecond}/s durable+audited (64 writers, p99 ${report.writeP99ms} ms; ${report.marksStored} stored = ${report.writesAcknowledged} acknowledged; chain ok: ${report.auditChainBroken === 0}) |`,
);
