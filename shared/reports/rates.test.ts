import { describe, expect, it } from 'vitest';
import { addCounts, decimal, percent, pupilStanding, ratesOf, ratesOfMarks } from './rates.js';

describe('pass rate, quality rate, СОУ, average', () => {
  it('a class of six: 5, 5, 4, 3, 2, н/а', () => {
    // N = 6 (every pupil has a term mark, н/а included).
    // pass: no 2, no н/а → 4 of 6 = 0.6667; quality: 4 and 5 only → 3 of 6 = 0.5
    // СОУ = (1·2 + 0.64·1 + 0.36·1 + 0.16·1) / 6 = 3.16 / 6 = 0.5267
    // average over numeric marks: (5+5+4+3+2)/5 = 19/5 = 3.80
    const r = ratesOfMarks(['5', '5', '4', '3', '2', 'н/а']);
    expect(r.counts).toMatchObject({ n: 6, n5: 2, n4: 1, n3: 1, n2: 1, notCertified: 1 });
    expect(r.passRate).toBe(0.6667);
    expect(r.qualityRate).toBe(0.5);
    expect(r.sou).toBe(0.5267);
    expect(r.average).toBe(3.8);
  });

  it('1 counts as failing and weighs 0.08 in СОУ; зач passes and counts to quality, незач fails', () => {
    // N = 4; failing: 1, незач → pass 2/4 = 0.5; quality: 4, зач → 2/4 = 0.5
    // СОУ = (0.64 + 0.08) / 4 = 0.18; average (4+1)/2 = 2.5
    const r = ratesOfMarks(['4', '1', 'зач', 'незач']);
    expect([r.passRate, r.qualityRate, r.sou, r.average]).toEqual([0.5, 0.5, 0.18, 2.5]);
  });

  it('no marks: every rate is null; unknown values are ignored', () => {
    expect(ratesOfMarks([]).passRate).toBeNull();
    expect(ratesOfMarks(['x']).counts.n).toBe(0);
  });

  it('sums counts, never percentages', () => {
    // 1 of 1 passes plus 1 of 3 passes is 2 of 4 = 0.5 (not the mean of 1 and 0.3333)
    const total = ratesOf(addCounts(ratesOfMarks(['5']).counts, ratesOfMarks(['5', '2', '2']).counts));
    expect(total.passRate).toBe(0.5);
  });

  it('a pupil across subjects', () => {
    expect(pupilStanding(['5', '4', 'зач'])).toEqual({ hasMarks: true, passes: true, quality: true, average: 4.5 });
    expect(pupilStanding(['5', '3'])).toMatchObject({ passes: true, quality: false, average: 4 });
    expect(pupilStanding(['5', 'н/а'])).toMatchObject({ passes: false, quality: false });
    expect(pupilStanding([])).toMatchObject({ hasMarks: false, passes: false });
  });

  it('formats with a decimal comma', () => {
    expect(percent(0.6667)).toBe('66,7 %');
    expect(percent(null)).toBe('—');
    expect(decimal(3.8)).toBe('3,80');
  });
});
