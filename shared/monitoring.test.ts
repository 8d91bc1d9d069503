import { describe, expect, it } from 'vitest';
import { emptyFigures, evaluateTarget, lastWeekdayOnOrBefore, milestoneStatus, rank, ratesOf, reportWindow, sumFigures, type Figures } from './monitoring.js';

// Municipality level of appendix 1 (2012): 30 % by 31 Mar, 60 % by 30 Apr, 100 % by 31 May; the plan starts 13 Mar.
const plan = [
  { id: 1, target: 0.3, deadline: '2012-03-31' },
  { id: 2, target: 0.6, deadline: '2012-04-30' },
  { id: 3, target: 1, deadline: '2012-05-31' },
];

describe('target status', () => {
  it('on track / at risk by the straight line from the previous milestone', () => {
    // 22 Mar: 9 of 18 days from 13 Mar (0 %) to 31 Mar (30 %) → expected 15 %.
    expect(evaluateTarget(0.15, '2012-03-22', plan, '2012-03-13')).toMatchObject({ status: 'on_track', expected: 0.15 });
    expect(evaluateTarget(0.149, '2012-03-22', plan, '2012-03-13').status).toBe('at_risk');
    expect(evaluateTarget(0.3, '2012-03-22', plan, '2012-03-13').status).toBe('met');
    // 15 Apr: 15 of 30 days from 31 Mar (30 %) to 30 Apr (60 %) → expected 45 %.
    const mid = evaluateTarget(0.44, '2012-04-15', plan, '2012-03-13');
    expect(mid.status).toBe('at_risk');
    expect(mid.expected).toBeCloseTo(0.45, 9);
    expect(mid.milestone?.id).toBe(2);
  });

  it('overdue after a missed deadline, but not on the deadline day itself', () => {
    expect(evaluateTarget(0.29, '2012-03-31', plan, '2012-03-13').status).toBe('at_risk');
    expect(evaluateTarget(0.29, '2012-04-01', plan, '2012-03-13')).toMatchObject({ status: 'overdue', milestone: { id: 1 } });
    // Missed both 30 % and 60 %: measured against the higher one.
    expect(evaluateTarget(0.29, '2012-05-02', plan, '2012-03-13').milestone?.id).toBe(2);
    expect(evaluateTarget(1, '2012-09-01', plan, '2012-03-13')).toMatchObject({ status: 'met', milestone: { id: 3 } });
  });

  it('a single milestone measured alone', () => {
    expect(milestoneStatus(0.5, '2012-04-30', plan[1]!, plan[0]!, '2012-03-13').status).toBe('at_risk');
    expect(milestoneStatus(0.6, '2012-06-01', plan[1]!, plan[0]!, '2012-03-13').status).toBe('met');
  });
});

function fig(pop: number, act: number, active: number, lessons = 0, topics = 0): Figures {
  const f = emptyFigures();
  f.staff = { population: pop, activated: act, active };
  f.lessonsPast = lessons;
  f.lessonsWithTopic = topics;
  return f;
}

describe('rates and ranking', () => {
  it('sums counts, never averages percentages', () => {
    // 1/1 and 0/9: the average of rates would be 50 %, the rate of the sum is 10 %.
    expect(ratesOf(sumFigures([fig(1, 1, 0), fig(9, 0, 0)])).activation.total).toBeCloseTo(0.1, 12);
  });

  it('ties on score are broken by activation', () => {
    const w = { activation: 0.5, activity: 0.5, topics: 0 };
    // X: 0.5·0.5 + 0.5·1 = 0.75; Y: 0.5·1 + 0.5·0.5 = 0.75 → Y first (activation 100 % > 50 %).
    const ranked = rank([{ id: 1, name: 'X', figures: fig(4, 2, 2) }, { id: 2, name: 'Y', figures: fig(4, 4, 2) }], w);
    expect(ranked.map((r) => [r.name, r.place])).toEqual([['Y', 1], ['X', 2]]);
    expect(ranked[0]!.score).toBeCloseTo(0.75, 12);
    expect(ranked[1]!.score).toBeCloseTo(0.75, 12);
  });
});

describe('weeks', () => {
  it('a report week is its Wednesday and covers the 7 dates before it', () => {
    expect(lastWeekdayOnOrBefore('2026-10-14', 3)).toBe('2026-10-14');
    expect(lastWeekdayOnOrBefore('2026-10-13', 3)).toBe('2026-10-07');
    expect(reportWindow('2026-10-14')).toEqual({ from: '2026-10-07', to: '2026-10-13' });
  });
});
