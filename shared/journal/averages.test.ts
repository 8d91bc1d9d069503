import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSchoolSettings } from '../settings.js';
import { markForAverage, round2, suggestTermMark, suggestYearMark, weightedAverage } from './averages.js';

const s = defaultSchoolSettings;
const t = s.termMarkThresholds;

describe('weighted average Σ(mark×weight)/Σ(weight)', () => {
  it('hand-computed: 5×1 + 4×1 + 3×2 = 15 over weight 4 → 3.75', () => {
    expect(weightedAverage([{ value: '5', weight: 1 }, { value: '4', weight: 1 }, { value: '3', weight: 2 }])).toEqual({ average: 3.75, count: 3 });
  });
  it('hand-computed: 5×1 + 2×3 = 11 over 4 → 2.75', () => {
    expect(weightedAverage([{ value: '5', weight: 1 }, { value: '2', weight: 3 }]).average).toBe(2.75);
  });
  it('rounds to 2 decimals: (5 + 4 + 4) / 3 = 4.333… → 4.33; (5+5+4)/3 = 4.666… → 4.67', () => {
    expect(weightedAverage(['5', '4', '4'].map((value) => ({ value, weight: 1 }))).average).toBe(4.33);
    expect(weightedAverage(['5', '5', '4'].map((value) => ({ value, weight: 1 }))).average).toBe(4.67);
  });
  it('ignores н/а, зач, незач; a double 4/3 counts both parts', () => {
    expect(
      weightedAverage([{ value: 'н/а', weight: 1 }, { value: 'зач', weight: 1 }, { value: '4/3', weight: 2 }, { value: '5', weight: 1 }]),
    ).toEqual({ average: round2((4 * 2 + 3 * 2 + 5) / 5), count: 3 });
    expect(round2((4 * 2 + 3 * 2 + 5) / 5)).toBe(3.8);
  });
  it('± do not change the number by default; with the setting 4+ and 4− move by a third', () => {
    expect(weightedAverage([{ value: '4+', weight: 1 }, { value: '5-', weight: 1 }]).average).toBe(4.5);
    // (4⅓ + 4⅔)/2 = 4.5 as well; a single 4+ gives 4.33
    expect(weightedAverage([{ value: '4+', weight: 1 }], true).average).toBe(4.33);
    expect(weightedAverage([{ value: '4-', weight: 1 }], true).average).toBe(3.67);
  });
  it('no numeric mark → null', () => {
    expect(weightedAverage([{ value: 'зач', weight: 1 }])).toEqual({ average: null, count: 0 });
  });
  it('lies between the smallest and the largest mark (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ v: fc.integer({ min: 1, max: 5 }), w: fc.integer({ min: 1, max: 3 }) }), { minLength: 1 }), (xs) => {
        const { average } = weightedAverage(xs.map((x) => ({ value: String(x.v), weight: x.w })));
        const values = xs.map((x) => x.v);
        return average! >= Math.min(...values) && average! <= Math.max(...values);
      }),
    );
  });
});

describe('suggested term mark', () => {
  it('thresholds are inclusive: 4.60 → 5, 4.59 → 4, 3.60 → 4, 3.59 → 3, 2.60 → 3, 2.59 → 2', () => {
    expect(markForAverage(4.6, t)).toBe('5');
    expect(markForAverage(4.59, t)).toBe('4');
    expect(markForAverage(3.6, t)).toBe('4');
    expect(markForAverage(3.59, t)).toBe('3');
    expect(markForAverage(2.6, t)).toBe('3');
    expect(markForAverage(2.59, t)).toBe('2');
    expect(markForAverage(1, t)).toBe('2');
  });
  it('hand-computed: 5,5,4,5,4 weights 1,1,1,2,1 → (5+5+4+10+4)/6 = 4.67 → 5', () => {
    const marks = [['5', 1], ['5', 1], ['4', 1], ['5', 2], ['4', 1]].map(([value, weight]) => ({ value: value as string, weight: weight as number }));
    expect(suggestTermMark(marks, s)).toEqual({ average: 4.67, suggestion: '5' });
  });
  it('hand-computed: 5,4,4,4,5 → 22/5 = 4.40 → 4', () => {
    expect(suggestTermMark(['5', '4', '4', '4', '5'].map((value) => ({ value, weight: 1 })), s)).toEqual({ average: 4.4, suggestion: '4' });
  });
  it('hand-computed: 3 with weight 2 and 2, 3 → (6+2+3)/4 = 2.75 → 3', () => {
    expect(suggestTermMark([{ value: '3', weight: 2 }, { value: '2', weight: 1 }, { value: '3', weight: 1 }], s)).toEqual({ average: 2.75, suggestion: '3' });
  });
  it('fewer than 3 numeric marks → н/а (зач does not count)', () => {
    expect(suggestTermMark([{ value: '5', weight: 1 }, { value: '5', weight: 1 }, { value: 'зач', weight: 1 }], s)).toEqual({ average: 5, suggestion: 'н/а' });
  });
  it('the thresholds and minimum are school settings', () => {
    const strict = { ...s, termMarkThresholds: { five: 4.75, four: 3.75, three: 2.75 }, minMarksForTermMark: 1 };
    expect(suggestTermMark([{ value: '5', weight: 1 }, { value: '4', weight: 2 }], strict).suggestion).toBe('4'); // 13/3 = 4.33
    expect(suggestTermMark([{ value: '5', weight: 1 }], strict).suggestion).toBe('5');
  });
});

describe('suggested year mark', () => {
  it('from term marks by the same thresholds: 5,4,5,5 → 4.75 → 5; 4,4,5,3 → 4.00 → 4; 3,4,3,3 → 3.25 → 3', () => {
    expect(suggestYearMark(['5', '4', '5', '5'], s)).toBe('5');
    expect(suggestYearMark(['4', '4', '5', '3'], s)).toBe('4');
    expect(suggestYearMark(['3', '4', '3', '3'], s)).toBe('3');
  });
  it('н/а terms are skipped; only н/а → н/а; none → null', () => {
    expect(suggestYearMark(['н/а', '5', '4'], s)).toBe('4'); // 4.5
    expect(suggestYearMark(['н/а'], s)).toBe('н/а');
    expect(suggestYearMark([], s)).toBeNull();
  });
  it('the thresholds bite on the mean: 5,4,5,4 → 4.50 → 4; 5,5,5,4 → 4.75 → 5; 3,3,2,2 → 2.50 → 2; a term still missing is not counted', () => {
    expect(suggestYearMark(['5', '4', '5', '4'], s)).toBe('4');
    expect(suggestYearMark(['5', '5', '5', '4'], s)).toBe('5');
    expect(suggestYearMark(['3', '3', '2', '2'], s)).toBe('2');
    expect(suggestYearMark(['4', '5'], s)).toBe('4'); // 4.50, two terms so far
  });
  it('pass/fail terms: all зач → зач; any незач → незач; numeric marks win over зач', () => {
    expect(suggestYearMark(['зач', 'зач', 'н/а', 'зач'], s)).toBe('зач');
    expect(suggestYearMark(['зач', 'незач', 'зач'], s)).toBe('незач');
    expect(suggestYearMark(['зач', '5', '5'], s)).toBe('5');
  });
});
