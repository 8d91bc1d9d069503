/**
 * The dry-run report built from every problem of a file: exact counts, one
 * summary entry per (column, code), and only the first problems by row. A
 * systematic mistake repeats on every row; the summary names it once with its
 * count, the capped list gives examples, and the answer stays small however
 * large the file. Pure: unit-tested in report.test.ts.
 */
import { IMPORT_PROBLEMS_LISTED, IMPORT_SUMMARY_ROWS, IMPORT_VALUE_QUOTED, type ImportKind } from '../../../shared/imports.js';
import type { ImportProblemGroup, ImportReport } from '../../../shared/contracts/imports.js';
import type { RowProblem } from './rows.js';

/**
 * `dataRows` are the sheet numbers of the file's data rows: a problem on the header row
 * (a missing column) or on the whole file (row 0) makes no data row invalid by itself.
 */
export function buildReport(kind: ImportKind, dataRows: readonly number[], found: readonly RowProblem[], limit = IMPORT_PROBLEMS_LISTED): ImportReport {
  // Stable sort: problems of one row keep the order the checks found them in.
  const problems = [...found].sort((a, b) => a.row - b.row);
  const isData = new Set(dataRows);
  const invalid = new Set<number>();
  const groups = new Map<string, ImportProblemGroup>();
  for (const p of problems) {
    if (isData.has(p.row)) invalid.add(p.row);
    const key = `${p.code}\u0000${p.column}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { column: p.column, code: p.code, count: 0, rows: [] }));
    group.count++;
    // Problems are in row order, so the first rows seen are the first rows of the file; one row may repeat a problem.
    if (group.rows.length < IMPORT_SUMMARY_ROWS && group.rows.at(-1) !== p.row) group.rows.push(p.row);
  }
  const summary = [...groups.values()].sort((a, b) => b.count - a.count || a.rows[0]! - b.rows[0]! || a.column.localeCompare(b.column) || a.code.localeCompare(b.code));
  return {
    kind,
    rows: dataRows.length,
    validRows: dataRows.length - invalid.size,
    ok: problems.length === 0,
    problemsTotal: problems.length,
    summary,
    problems: problems.slice(0, limit).map(quoted),
  };
}

/** The problem with its cell's text cut to IMPORT_VALUE_QUOTED characters (an ellipsis marks the cut). */
function quoted(p: RowProblem): RowProblem {
  if (p.value === undefined || p.value.length <= IMPORT_VALUE_QUOTED) return p;
  return { ...p, value: `${p.value.slice(0, IMPORT_VALUE_QUOTED - 1)}…` };
}
