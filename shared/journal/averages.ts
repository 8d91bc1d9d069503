/**
 * Weighted average, suggested term mark and suggested year mark
 * (design.md, "Domain rules"). Pure; the grid, the diary and reports use them.
 */
import { FAIL, NOT_CERTIFIED, PASS, numericParts } from './marks.js';

export interface AverageSettings {
  plusMinusAffectsAverage: boolean;
  termMarkThresholds: { five: number; four: number; three: number };
  minMarksForTermMark: number;
}

export interface WeightedMark {
  value: string;
  weight: number;
}

/** Rounds half up to 2 decimals, immune to binary noise (4.6049999… → 4.60, 2.595 → 2.60). */
export function round2(x: number): number {
  return Math.round(x * 100 + 1e-7) / 100;
}

/**
 * Σ(mark × weight) / Σ(weight) over the numeric marks, rounded to 2 decimals;
 * null when there is none. Returns also the count of numeric marks (a double
 * mark counts twice), which decides «н/а».
 */
export function weightedAverage(marks: readonly WeightedMark[], plusMinusAffectsAverage = false): { average: number | null; count: number } {
  let sum = 0;
  let weights = 0;
  let count = 0;
  for (const m of marks) {
    if (!(m.weight > 0)) continue;
    for (const part of numericParts(m.value, plusMinusAffectsAverage)) {
      sum += part * m.weight;
      weights += m.weight;
      count++;
    }
  }
  return { average: weights > 0 ? round2(sum / weights) : null, count };
}

/** The mark an average suggests by the thresholds (5 from 4.60, 4 from 3.60, 3 from 2.60, else 2). */
export function markForAverage(average: number, thresholds: AverageSettings['termMarkThresholds']): string {
  const a = round2(average);
  if (a >= thresholds.five) return '5';
  if (a >= thresholds.four) return '4';
  if (a >= thresholds.three) return '3';
  return '2';
}

/** The suggested term mark: «н/а» with fewer than the minimum of numeric marks. */
export function suggestTermMark(marks: readonly WeightedMark[], settings: AverageSettings): { average: number | null; suggestion: string } {
  const { average, count } = weightedAverage(marks, settings.plusMinusAffectsAverage);
  if (average === null || count < settings.minMarksForTermMark) return { average, suggestion: NOT_CERTIFIED };
  return { average, suggestion: markForAverage(average, settings.termMarkThresholds) };
}

/**
 * The suggested year mark from the term marks, by the same thresholds over
 * their plain mean; null when there is no term mark at all. Without a numeric
 * term mark: on a pass/fail scale «зач» when every зач/незач term mark is
 * «зач», else «незач»; «н/а» when the terms are all «н/а».
 */
export function suggestYearMark(termMarks: readonly string[], settings: Pick<AverageSettings, 'termMarkThresholds'>): string | null {
  if (termMarks.length === 0) return null;
  const numbers = termMarks.flatMap((v) => numericParts(v));
  if (numbers.length === 0) {
    const passFail = termMarks.filter((v) => v === PASS || v === FAIL);
    if (passFail.length === 0) return NOT_CERTIFIED;
    return passFail.every((v) => v === PASS) ? PASS : FAIL;
  }
  return markForAverage(numbers.reduce((a, b) => a + b, 0) / numbers.length, settings.termMarkThresholds);
}
