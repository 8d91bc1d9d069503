import { describe, expect, it } from 'vitest';
import { IMPORT_PROBLEMS_LISTED, IMPORT_SUMMARY_ROWS, IMPORT_VALUE_QUOTED, importColumns } from '../../../shared/imports.js';
import { planImport } from './imports.service.js';
import { buildReport } from './report.js';
import type { Snapshot } from './snapshot.js';

const snap: Snapshot = {
  schoolId: 1,
  today: '2026-10-14',
  year: { id: 1, startsOn: '2026-09-01', endsOn: '2027-05-31' },
  classes: new Map([['5А', { id: 10, grade: 5, letter: 'А', shift: 1, classTeacherPersonId: null }]]),
  groups: new Map(),
  subjects: new Map(),
  courses: new Map(),
  students: [],
  staff: [],
  guardians: [],
};

/** `n` pupils; every one in the unknown class 9Я, every third with 30 February as birth date; the last `good` rows are clean. */
function pupils(n: number, good = 0): string[][] {
  const grid = [importColumns.students.map((c) => c.ru)];
  for (let i = 0; i < n + good; i++) {
    const clean = i >= n;
    const birth = !clean && i % 3 === 0 ? '30.02.2015' : '01.03.2015';
    grid.push([`E-${i}`, 'Иванов', `Имя${i}`, '', birth, clean ? '5А' : '9Я']);
  }
  return grid;
}

describe('import report: capped list, exact counts and summary', () => {
  it(`a file with 1 200 bad rows counts every problem, lists the first ${IMPORT_PROBLEMS_LISTED} by row and summarises them by column`, () => {
    const { report } = planImport('students', pupils(1200, 30), snap);
    // 1 200 unknown classes + 400 impossible dates (rows of i = 0, 3, …, 1 197).
    expect(report.problemsTotal).toBe(1600);
    expect(report.rows).toBe(1230);
    expect(report.validRows).toBe(30);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(IMPORT_PROBLEMS_LISTED);
    // The first ones by row: pupil i is sheet row i + 2; row 2 has both problems, in the order they were found.
    expect(report.problems.slice(0, 4).map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'Дата рождения', 'impossible_date'],
      [2, 'Класс', 'unknown_class'],
      [3, 'Класс', 'unknown_class'],
      [4, 'Класс', 'unknown_class'],
    ]);
    const rows = report.problems.map((p) => p.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    // 500 problems cover rows 2…376: 375 class problems and 125 date problems.
    expect(report.problems.at(-1)!.row).toBe(376);
    expect(report.summary).toEqual([
      { column: 'Класс', code: 'unknown_class', count: 1200, rows: [2, 3, 4, 5, 6] },
      { column: 'Дата рождения', code: 'impossible_date', count: 400, rows: [2, 5, 8, 11, 14] },
    ]);
  });

  it('a clean file is ok with nothing listed or summarised', () => {
    const { report } = planImport('students', pupils(0, 3), snap);
    expect(report).toEqual({ kind: 'students', rows: 3, validRows: 3, ok: true, problemsTotal: 0, summary: [], problems: [] });
  });

  it('a problem of the header row or the whole file makes no data row invalid; the list keeps everything under the bound', () => {
    const report = buildReport('students', [2, 3], [
      { row: 1, column: 'Класс', code: 'missing_column' },
      { row: 3, column: 'Фамилия', code: 'required' },
      { row: 0, column: '', code: 'no_academic_year' },
    ]);
    expect(report).toMatchObject({ rows: 2, validRows: 1, problemsTotal: 3, ok: false });
    expect(report.problems.map((p) => p.row)).toEqual([0, 1, 3]);
    // Equal counts: the entry met first in the file comes first.
    expect(report.summary.map((g) => [g.column, g.code, g.count, g.rows])).toEqual([
      ['', 'no_academic_year', 1, [0]],
      ['Класс', 'missing_column', 1, [1]],
      ['Фамилия', 'required', 1, [3]],
    ]);
  });

  it(`a summary names each row once and at most ${IMPORT_SUMMARY_ROWS} rows; the bound is a parameter`, () => {
    const found = [7, 7, 3, 9, 9, 4, 12, 15, 20].map((row) => ({ row, column: 'Роли', code: 'unknown_role' as const }));
    const report = buildReport('staff', [3, 4, 7, 9, 12, 15, 20], found, 4);
    expect(report.summary).toEqual([{ column: 'Роли', code: 'unknown_role', count: 9, rows: [3, 4, 7, 9, 12] }]);
    expect(report.problems.map((p) => p.row)).toEqual([3, 4, 7, 7]);
    expect(report.validRows).toBe(0);
  });

  it('quotes at most IMPORT_VALUE_QUOTED characters of a listed cell, and a short cell whole', () => {
    const essay = 'Ж'.repeat(100_000);
    const report = buildReport('students', [2, 3], [
      { row: 2, column: 'Класс', code: 'unknown_class', value: essay },
      { row: 3, column: 'Класс', code: 'unknown_class', value: '9Я' },
    ]);
    expect(report.problems.map((p) => p.value)).toEqual([`${'Ж'.repeat(IMPORT_VALUE_QUOTED - 1)}…`, '9Я']);
    expect(report.problems[0]!.value).toHaveLength(IMPORT_VALUE_QUOTED);
    expect(JSON.stringify(report).length).toBeLessThan(2_000);
  });
});
