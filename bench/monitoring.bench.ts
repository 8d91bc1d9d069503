/**
 * Monitoring benchmarks at region scale (design.md: 35 municipalities, 600
 * schools, 130 000 pupils, 200 000 guardians, 12 000 staff), on SQLite:
 *  1. the region dashboard's latency over the maintained counters of 600
 *     schools and 34 weeks of history, then again with 219 000 daily mark
 *     counter rows added (it must stay flat: it reads no marks);
 *  2. the weekly snapshot of the whole region over the full population
 *     (people, classes, accounts, a week of lessons) generated in bulk.
 * Run: npx tsx bench/monitoring.bench.ts [--scale 1]   (results: bench/RESULTS.md)
 */
import { execSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.js';
import { createContext } from '../server/bootstrap.js';
import { fixedClock } from '../server/clock.js';
import { loadConfig } from '../server/config.js';
import { refreshCounters, takeSnapshot } from '../server/modules/monitoring/monitoring.service.js';
import { grantRole, makeAccount, makePerson, sessionCookie } from '../server/test/factories.js';

const scale = Number(process.argv[process.argv.indexOf('--scale') + 1] || 1) || 1;
const NOW = '2026-10-14T03:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'otmetka-bench-'));
const ctx = await createContext(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', DEMO: 'false', TZ: 'Asia/Chita' }), { clock: fixedClock(NOW) });
const app = await buildApp(ctx);
await app.ready();
const sqlite = ctx.db.sqlite!;
const municipalities = Math.max(3, Math.round(35 * scale));
const schools = Math.max(municipalities, Math.round(600 * scale));

function bulk(sql: string, rows: unknown[][]): void {
  const stmt = sqlite.prepare(sql);
  sqlite.transaction(() => {
    for (const r of rows) stmt.run(...r);
  })();
}

// Hierarchy
sqlite.prepare("insert into regions (name, code, time_zone, settings, created_at) values ('Бенч', 'B', 'Asia/Chita', '{}', ?)").run(NOW);
bulk('insert into municipalities (region_id, name, short_name, created_at) values (1, ?, ?, ?)', Array.from({ length: municipalities }, (_, i) => [`М${i + 1}`, `М${i + 1}`, NOW]));
bulk('insert into schools (region_id, municipality_id, name, short_name, created_at) values (1, ?, ?, ?, ?)', Array.from({ length: schools }, (_, i) => [(i % municipalities) + 1, `Школа ${i + 1}`, `Ш${i + 1}`, NOW]));
const { seedRegionPlan } = await import('../server/modules/monitoring/plan.js');
await seedRegionPlan(ctx, 1, { start: '2026-09-01' });

// 1a. Maintained counters and 34 weeks of frozen sums, written directly.
const fig = () => [10 + (Math.random() * 20) | 0, 5, 3, 200, 120, 60, 320, 150, 70, 600, 480, 2000, 100, 150];
const cols = 'staff_population, staff_activated, staff_active, students_population, students_activated, students_active, guardians_population, guardians_activated, guardians_active, lessons_past, lessons_with_topic, marks_entered, marks_late, consents';
const q14 = cols.split(',').map(() => '?').join(', ');
bulk(`insert into school_counters (school_id, region_id, municipality_id, refreshed_at, ${cols}) values (?, 1, ?, ?, ${q14})`, Array.from({ length: schools }, (_, i) => [i + 1, (i % municipalities) + 1, NOW, ...fig()]));
bulk(`insert into unit_counters (region_id, unit_kind, unit_id, schools, refreshed_at, ${cols}) values (1, ?, ?, ?, ?, ${q14})`, [
  ['region', 1, schools, NOW, ...fig()],
  ...Array.from({ length: municipalities }, (_, m) => ['municipality', m + 1, Math.round(schools / municipalities), NOW, ...fig()]),
]);
const weeks = Array.from({ length: 34 }, (_, i) => new Date(Date.UTC(2026, 0, 7 + 7 * i)).toISOString().slice(0, 10));
bulk(`insert into weekly_totals (region_id, unit_kind, unit_id, week_of, schools, ${cols}) values (1, ?, ?, ?, 0, ${q14})`, weeks.flatMap((w) => [['region', 1, w, ...fig()], ...Array.from({ length: municipalities }, (_, m) => ['municipality', m + 1, w, ...fig()])]));

const person = await makePerson(ctx);
await grantRole(ctx, person, 'region_coordinator', { regionId: 1 });
const { accountId } = await makeAccount(ctx, person, { password: null, login: 'bench' });
const cookie = await sessionCookie(ctx, accountId);

async function dashboardLatency(label: string): Promise<string> {
  const url = '/api/monitoring/regions/1';
  for (let i = 0; i < 30; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = process.hrtime.bigint();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.statusCode !== 200) throw new Error(`dashboard ${res.statusCode}`);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(2);
  const line = `region dashboard (${schools} schools, ${label}): p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`;
  console.log(line);
  return line;
}

const lines: string[] = [];
lines.push(await dashboardLatency('no mark counters'));
// 1b. A year of daily mark counters for every school: the dashboard must not notice.
bulk('insert into school_daily_activity (school_id, date, marks_entered, marks_late) values (?, ?, ?, ?)', Array.from({ length: schools }, (_, s) =>
  Array.from({ length: 365 }, (_, d) => [s + 1, new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10), 300, 10]),
).flat());
lines.push(await dashboardLatency(`${(schools * 365).toLocaleString('en')} daily mark rows`));
if (process.argv.includes('--dashboard-only')) {
  const { systemActor } = await import('../server/policy/actor.js');
  const q = await import('../server/modules/monitoring/monitoring.queries.js');
  const { regionDashboard } = await import('../server/modules/monitoring/dashboards.js');
  const time = async (label: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) await fn();
    console.log(label, (Number(process.hrtime.bigint() - t0) / 1e8).toFixed(2), 'ms');
  };
  await time('me', () => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }));
  await time('service', () => regionDashboard(ctx, systemActor, 1));
  await time('unit counters', () => q.unitCountersOfRegion(ctx.db.kysely, 1));
  await time('totals', () => q.totalsOf(ctx.db.kysely, 1, 'region', 1));
  await time('confirm', () => q.schoolConfirmations(ctx.db.kysely, { regionId: 1 }, '2026-10-14'));
  await time('munis', () => q.listMunicipalities(ctx.db.kysely, 1));
  await time('milestones', () => q.milestonesOf(ctx.db.kysely, 1));
  await app.close();
  await ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

// 2. The population for the snapshot: staff, pupils in classes (grades 1–11), guardians, accounts, a week of lessons.
const started = Date.now();
const pupilsPerSchool = Math.round(130_000 / 600);
const staffPerSchool = 20;
let personId = (sqlite.prepare('select max(id) as m from persons').get() as { m: number }).m;
const persons: unknown[][] = [];
const staffRows: unknown[][] = [];
const enrolments: unknown[][] = [];
const members: unknown[][] = [];
const guardianships: unknown[][] = [];
const accounts: unknown[][] = [];
const years: unknown[][] = [];
const classes: unknown[][] = [];
const lessons: unknown[][] = [];
let classId = 0;
const account = (id: number, r: number) => {
  if (r < 0.3) return;
  const activated = r < 0.85 ? '2026-10-01T00:00:00.000Z' : null;
  accounts.push([id, activated ? 'active' : 'pending', activated, r < 0.5 ? '2026-10-12T00:00:00.000Z' : activated, NOW]);
};
for (let s = 1; s <= schools; s++) {
  years.push([s]);
  for (let i = 0; i < staffPerSchool; i++) {
    persons.push([++personId]);
    staffRows.push([s, personId]);
    account(personId, Math.random());
  }
  const firstClass = classId + 1;
  for (let g = 1; g <= 11; g++) classes.push([++classId, s, s, g, `${g}А`]);
  for (let i = 0; i < pupilsPerSchool; i++) {
    const pupil = ++personId;
    persons.push([pupil]);
    enrolments.push([s, pupil]);
    members.push([s, firstClass + (i % 11), pupil]);
    account(pupil, Math.random());
    const guardians = Math.random() < 0.55 ? 2 : 1;
    for (let k = 0; k < guardians; k++) {
      persons.push([++personId]);
      guardianships.push([s, personId, pupil]);
      account(personId, Math.random());
    }
  }
  for (let c = firstClass; c <= classId; c++) for (let d = 7; d <= 13; d++) if (d !== 10 && d !== 11) for (let n = 1; n <= 5; n++) lessons.push([s, `2026-10-${String(d).padStart(2, '0')}`, n, Math.random() < 0.8 ? 'Тема' : '']);
}
bulk("insert into persons (id, surname, name, patronymic, created_at) values (?, 'Ф', 'И', '', '2026-09-01')", persons);
bulk("insert into staff (school_id, person_id, position, started_on) values (?, ?, 'учитель', '2020-08-25')", staffRows);
bulk("insert into enrolments (school_id, person_id, started_on) values (?, ?, '2026-09-01')", enrolments);
bulk("insert into academic_years (id, school_id, name, starts_on, ends_on) values (?, ?, '2026/2027', '2026-09-01', '2027-05-31')", years.map(([s]) => [s, s]));
bulk("insert into terms (school_id, academic_year_id, kind, number, name, starts_on, ends_on) values (?, ?, 'quarter', 1, '1', '2026-09-01', '2026-10-24')", years.map(([s]) => [s, s]));
bulk('insert into classes (id, school_id, academic_year_id, grade, letter, name) values (?, ?, ?, ?, ?, ?)', classes.map(([id, s, y, g, n]) => [id, s, y, g, 'А', n]));
bulk("insert into class_members (school_id, class_id, student_person_id, from_date) values (?, ?, ?, '2026-09-01')", members);
bulk("insert into guardianships (school_id, guardian_person_id, student_person_id, relation, created_at) values (?, ?, ?, 'mother', '2026-09-01')", guardianships);
bulk('insert into accounts (person_id, status, activated_at, last_login_at, failed_logins, created_at) values (?, ?, ?, ?, 0, ?)', accounts);
bulk("insert into subjects (id, school_id, name, short_name) values (?, ?, 'Математика', 'Мат')", years.map(([s]) => [s, s]));
bulk('insert into courses (id, school_id, academic_year_id, class_id, subject_id) values (?, ?, ?, ?, ?)', classes.map(([id, s]) => [id, s, s, id, s]));
bulk("insert into lessons (school_id, course_id, term_id, date, number, topic) values (?, ?, ?, ?, ?, ?)", lessons.map(([s, d, n, t], i) => [s, Math.floor(i / 25) + 1, s, d, n, t]));
sqlite.exec('analyze');
const generated = `generated ${persons.length.toLocaleString('en')} persons, ${accounts.length.toLocaleString('en')} accounts, ${lessons.length.toLocaleString('en')} lessons in ${((Date.now() - started) / 1000).toFixed(1)} s`;
console.log(generated);

let t = Date.now();
await refreshCounters(ctx, { regionId: 1 });
const refresh = `counter refresh of the whole region: ${Date.now() - t} ms`;
console.log(refresh);
t = Date.now();
const result = await takeSnapshot(ctx, 1, '2026-10-14');
const snapshot = `weekly snapshot of the whole region (${result.schools} schools): ${Date.now() - t} ms`;
console.log(snapshot);
lines.push(await dashboardLatency('after the refresh'));

const commit = execSync('git rev-parse --short HEAD').toString().trim();
const results = join(import.meta.dirname, 'RESULTS.md');
if (!existsSync(results)) writeFileSync(results, '# Benchmark results\n\nEach run appends its lines with the commit and the date.\n');
appendFileSync(results, `\n## monitoring (scale ${scale}) — commit ${commit}, ${new Date().toISOString().slice(0, 16)}Z, SQLite\n\n${[...lines, generated, refresh, snapshot].map((l) => `- ${l}`).join('\n')}\n`);
await app.close();
await ctx.db.close();
rmSync(dir, { recursive: true, force: true });
