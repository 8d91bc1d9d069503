/**
 * The standard school report figures (design.md, "Domain rules"), pure:
 * pass rate (успеваемость), quality rate (качество знаний), СОУ (степень
 * обученности) and the average, from the term (or year) marks of pupils.
 *
 * N counts pupils with a term mark of any kind (a «н/а» is a mark the teacher
 * set: the pupil was not certified). A pupil passes with no 2, no 1, no «н/а»
 * and no «незач»; is of quality with only 4 and 5 (and «зач»). СОУ weighs nK,
 * the pupils whose mark is K. Rates are shares in [0, 1], null when N = 0;
 * they are always computed from counts, never as an average of percentages.
 */
import { FAIL, NOT_CERTIFIED, PASS } from '../journal/marks.js';

export const SOU_WEIGHTS: Record<1 | 2 | 3 | 4 | 5, number> = { 5: 1, 4: 0.64, 3: 0.36, 2: 0.16, 1: 0.08 };

export interface MarkCounts {
  /** Pupils with a term mark of any kind. */
  n: number;
  n5: number;
  n4: number;
  n3: number;
  n2: number;
  n1: number;
  /** «н/а» */
  notCertified: number;
  /** «зач» */
  passed: number;
  /** «незач» */
  failed: number;
}

export interface Rates {
  counts: MarkCounts;
  passRate: number | null;
  qualityRate: number | null;
  sou: number | null;
  /** Mean of the numeric marks, rounded to 2 decimals; null without numeric marks. */
  average: number | null;
}

export function emptyCounts(): MarkCounts {
  return { n: 0, n5: 0, n4: 0, n3: 0, n2: 0, n1: 0, notCertified: 0, passed: 0, failed: 0 };
}

/** Adds one pupil's mark to the counts. Unknown values are ignored. */
export function countMark(counts: MarkCounts, value: string): void {
  const v = value.trim();
  if (v === NOT_CERTIFIED) counts.notCertified++;
  else if (v === PASS) counts.passed++;
  else if (v === FAIL) counts.failed++;
  else if (/^[1-5]$/.test(v)) counts[`n${v}` as 'n1'] += 1;
  else return;
  counts.n++;
}

export function addCounts(a: MarkCounts, b: MarkCounts): MarkCounts {
  const r = emptyCounts();
  for (const k of Object.keys(r) as Array<keyof MarkCounts>) r[k] = a[k] + b[k];
  return r;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f + 1e-7) / f;
}

/** Rates from counts: shares rounded to 4 decimals (so 2/3 = 0.6667), average to 2. */
export function ratesOf(counts: MarkCounts): Rates {
  const { n } = counts;
  const numeric = counts.n5 + counts.n4 + counts.n3 + counts.n2 + counts.n1;
  const failing = counts.n2 + counts.n1 + counts.notCertified + counts.failed;
  const quality = counts.n5 + counts.n4 + counts.passed;
  const souSum = SOU_WEIGHTS[5] * counts.n5 + SOU_WEIGHTS[4] * counts.n4 + SOU_WEIGHTS[3] * counts.n3 + SOU_WEIGHTS[2] * counts.n2 + SOU_WEIGHTS[1] * counts.n1;
  const markSum = 5 * counts.n5 + 4 * counts.n4 + 3 * counts.n3 + 2 * counts.n2 + counts.n1;
  return {
    counts,
    passRate: n > 0 ? round((n - failing) / n, 4) : null,
    qualityRate: n > 0 ? round(quality / n, 4) : null,
    sou: n > 0 ? round(souSum / n, 4) : null,
    average: numeric > 0 ? round(markSum / numeric, 2) : null,
  };
}

export function ratesOfMarks(values: readonly string[]): Rates {
  const counts = emptyCounts();
  for (const v of values) countMark(counts, v);
  return ratesOf(counts);
}

/**
 * A pupil across subjects: passes with no failing mark, is of quality with
 * only 4, 5 and «зач»; the average is the mean of the numeric marks.
 */
export function pupilStanding(values: readonly string[]): { hasMarks: boolean; passes: boolean; quality: boolean; average: number | null } {
  const counts = emptyCounts();
  for (const v of values) countMark(counts, v);
  const r = ratesOf(counts);
  return {
    hasMarks: counts.n > 0,
    passes: counts.n > 0 && r.passRate === 1,
    quality: counts.n > 0 && r.qualityRate === 1,
    average: r.average,
  };
}

/** Share as a percentage text for reports: 0.6667 → "66,7 %" (Russian decimal comma). */
export function percent(share: number | null): string {
  if (share === null) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1).replace('.', ',')} %`;
}

/** A number for reports with a decimal comma: 3.5 → "3,50". */
export function decimal(value: number | null, digits = 2): string {
  if (value === null) return '—';
  return value.toFixed(digits).replace('.', ',');
}
