/**
 * Importing 100 000 pupil rows, each with two guardians (siblings share
 * parents now and then), into one school on a fresh SQLite database:
 * parse + dry-run check + the real all-or-nothing run. Target ≤ 15 s.
 *
 *   npx tsx bench/import.bench.ts [--rows 100000] [--record]
 *
 * --record appends the figure with the commit and date to bench/RESULTS.md.
 */
import { execSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../server/bootstrap.js';
import { fixedClock } from '../server/clock.js';
import { loadConfig } from '../server/config.js';
import { checkImport, startRun } from '../server/modules/imports/imports.service.js';
import { systemActor } from '../server/policy/actor.js';
import * as structure from '../server/modules/structure/structure.service.js';
import { makeClass, makeSchoolYear } from '../server/test/structure-factories.js';
import { importColumns } from '../shared/imports.js';

const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const ROWS = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 100_000;
const RECORD = args.includes('--record');

/** mulberry32: the same file on every run. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев'];
const MALE = ['Александр', 'Максим', 'Иван', 'Артём', 'Дмитрий', 'Никита', 'Михаил', 'Егор', 'Кирилл', 'Андрей', 'Сергей', 'Павел'];
const FEMALE = ['Анна', 'Мария', 'Елена', 'Дарья', 'Алиса', 'Полина', 'Виктория', 'Ксения', 'Софья', 'Ольга', 'Наталья', 'Ирина'];
const LETTERS = ['А', 'Б', 'В', 'Г', 'Д'];

export function generateCsv(rows: number): string {
  const r = rng(20261014);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const lines = [importColumns.students.map((c) => c.ru).join(';')];
  let family: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < rows; i++) {
    const grade = 1 + (i % 11);
    // One pupil in eight is a younger sibling: same parents as the row before.
    if (i === 0 || r() > 0.125) {
      const surname = pick(SURNAMES);
      const phone = `+7 914 ${String(1_000_000 + i).slice(1, 4)}-${String(i % 100).padStart(2, '0')}-${String(i % 97).padStart(2, '0')}`;
      family = [surname + 'а', pick(FEMALE), pick(MALE) + 'овна', 'мать', phone, `m${i}@example.ru`, surname, pick(MALE), pick(MALE) + 'ович', 'отец', '', ''];
      family.push(surname);
    }
    const surname = family[12]!;
    let person: string[];
    // Full name + birth date identifies a pupil, so the generator never repeats one.
    do {
      const girl = r() < 0.5;
      const birth = `${String(1 + Math.floor(r() * 28)).padStart(2, '0')}.${String(1 + Math.floor(r() * 12)).padStart(2, '0')}.${2019 - grade}`;
      person = [girl ? surname + 'а' : surname, girl ? pick(FEMALE) : pick(MALE), pick(MALE) + (girl ? 'овна' : 'ович'), birth];
    } while (seen.has(person.join('|')));
    seen.add(person.join('|'));
    lines.push([`P${String(i).padStart(6, '0')}`, ...person, `${grade}${LETTERS[i % 5]}`, ...family.slice(0, 12)].join(';'));
  }
  return lines.join('\r\n');
}

export interface ImportFigures {
  rows: number;
  dryS: number;
  realS: number;
  rerunS: number;
  result: { created: number; guardiansCreated: number; accountsCreated: number };
  unchangedOnRerun: number;
}

/** The dry run, the real run and a re-import of the same file, on a fresh SQLite database. */
export async function measureImport(rows: number): Promise<ImportFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'otmetka-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO: 'false', TZ: 'Asia/Chita' });
  const ctx = await createContext(config, { clock: fixedClock('2026-10-14T03:00:00.000Z') });
  try {
    const region = await structure.createRegion(ctx, systemActor, { name: 'Регион', code: 'B1' });
    const municipality = await structure.createMunicipality(ctx, systemActor, region.id, { name: 'Район' });
    const school = await structure.createSchool(ctx, systemActor, municipality.id, { name: 'Школа' });
    const { yearId } = await makeSchoolYear(ctx, school.id);
    for (let grade = 1; grade <= 11; grade++) for (const letter of LETTERS) await makeClass(ctx, school.id, yearId, { grade, letter, students: 0 });
    const file = { filename: 'pupils.csv', bytes: Buffer.from(generateCsv(rows), 'utf8') };
    const t0 = performance.now();
    const report = await checkImport(ctx, systemActor, { schoolId: school.id, kind: 'students', file });
    const t1 = performance.now();
    if (!report.ok) throw new Error(`unexpected problems: ${JSON.stringify(report.problems.slice(0, 5))}`);
    const result = await (await startRun(ctx, systemActor, { schoolId: school.id, kind: 'students', file }, () => {})).result;
    const t2 = performance.now();
    const again = await (await startRun(ctx, systemActor, { schoolId: school.id, kind: 'students', file }, () => {})).result;
    const t3 = performance.now();
    return { rows, dryS: (t1 - t0) / 1000, realS: (t2 - t1) / 1000, rerunS: (t3 - t2) / 1000, result, unchangedOnRerun: again.unchanged };
  } finally {
    await ctx.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const f = await measureImport(ROWS);
  console.log(`dry run: ${f.dryS.toFixed(2)} s`);
  console.log(`real run (check + apply in one transaction): ${f.realS.toFixed(2)} s — ${JSON.stringify(f.result)}`);
  console.log(`re-import of the same file (updates nothing): ${f.rerunS.toFixed(2)} s — unchanged ${f.unchangedOnRerun}`);
  console.log(`real run ${f.realS <= 15 ? 'meets' : 'MISSES'} the 15 s target`);
  if (RECORD) {
    const file = join(import.meta.dirname, 'RESULTS.md');
    if (!existsSync(file)) writeFileSync(file, '# Benchmark results\n\n');
    const commit = execSync('git rev-parse --short HEAD').toString().trim();
    const date = new Date().toISOString().slice(0, 10);
    appendFileSync(
      file,
      `- ${date} \`${commit}\` import.bench.ts: ${ROWS} pupil rows with two guardians each (SQLite): dry run ${f.dryS.toFixed(1)} s, real run ${f.realS.toFixed(1)} s (${f.result.created} pupils, ${f.result.guardiansCreated} guardians, ${f.result.accountsCreated} accounts), re-import ${f.rerunS.toFixed(1)} s; target ≤ 15 s\n`,
    );
  }
}

if (process.argv[1]?.endsWith("import.bench.ts")) await main();
