import { describe, expect, it } from 'vitest';
import { mayConfirm, resolveWeek } from '../diary/week.js';
import { localInstant } from './notices.js';
import { backoffMs } from './sender.js';
import { decide, periodLine, periodSubject, type PeriodNotice } from './term-notices.js';

describe('notification timing', () => {
  it('finds the UTC instant of a local hour', () => {
    expect(localInstant('2026-10-14', 18, 'Asia/Chita').toISOString()).toBe('2026-10-14T09:00:00.000Z');
    expect(localInstant('2026-10-14', 18, 'Europe/Moscow').toISOString()).toBe('2026-10-14T15:00:00.000Z');
  });

  it('backs off 1, 2, 4 … minutes, at most six hours', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(6 * 3_600_000);
  });
});

describe('diary weeks', () => {
  const rows = [{ yearStart: '2026-09-01', yearEnd: '2027-05-31' }] as never;
  it('a week is confirmed from its Friday', () => {
    expect(mayConfirm('2026-10-12', '2026-10-15')).toBe(false);
    expect(mayConfirm('2026-10-12', '2026-10-16')).toBe(true);
  });
  it('any date gives its Monday; a week outside every year is refused naming the field', () => {
    expect(resolveWeek(rows, '2026-10-14', '2026-10-14', '/q')).toBe('2026-10-12');
    expect(() => resolveWeek(rows, '2026-07-01', '2026-10-14', '/q')).toThrow(expect.objectContaining({ code: 'week_outside_year' }));
    // Summer without a week asked: the last week of the year instead of an empty page.
    expect(resolveWeek(rows, undefined, '2027-07-10', '/q')).toBe('2027-05-31');
  });
});

describe('term and year mark notices', () => {
  const start = '2026-10-14T03:00:00.000Z';
  it('tell news, a change with the value known, or nothing when the guardian knows the value', () => {
    expect(decide({ value: '5', enteredAt: '2026-10-14T03:01:00.000Z' }, [], start)).toBeNull();
    expect(decide({ value: '5', enteredAt: '2026-10-01T03:00:00.000Z' }, [], start)).toEqual({ old: null });
    expect(decide({ value: '4', enteredAt: '2026-10-01T03:00:00.000Z' }, [{ value: '3' }, { value: '5' }], start)).toEqual({ old: '5' });
    expect(decide({ value: '5', enteredAt: '2026-10-14T03:01:00.000Z' }, [{ value: '4' }, { value: '5' }], start)).toBe('skip');
  });

  it('name the period and say a change is one', () => {
    const n = { kind: 'term', subject: 'Математика', periodName: '1 полугодие', value: '4' } as PeriodNotice;
    expect([periodLine({ ...n, change: null }), periodSubject({ ...n, change: null })]).toEqual(['Математика, 1 полугодие: 4', 'Отметка за 1 полугодие: Математика 4']);
    expect([periodLine({ ...n, change: { old: '5' } }), periodSubject({ ...n, change: { old: '5' } })]).toEqual(['Математика, 1 полугодие: 5 → 4 (изменена)', 'Изменена отметка за 1 полугодие: Математика 5 → 4']);
    const y = { ...n, kind: 'year', periodName: 'год' } as PeriodNotice;
    expect([periodLine({ ...y, change: { old: null } }), periodSubject({ ...y, change: { old: null } })]).toEqual(['Математика, год: 4 (изменена)', 'Изменена годовая отметка: Математика 4']);
    expect(periodSubject({ ...y, change: null })).toBe('Годовая отметка: Математика 4');
  });
});
