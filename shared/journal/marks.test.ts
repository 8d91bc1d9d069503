import { describe, expect, it } from 'vitest';
import { isMarkAllowed, isTermMarkAllowed, numericParts, numericValue, parseCellInput, type MarkScale } from './marks.js';

const plain: MarkScale = { plusMinus: false, doubleMarks: false, passFail: false, noMarks: false };

describe('parseCellInput', () => {
  it.each([
    ['5', { kind: 'mark', value: '5' }],
    [' 4- ', { kind: 'mark', value: '4-' }],
    ['4−', { kind: 'mark', value: '4-' }],
    ['3+', { kind: 'mark', value: '3+' }],
    ['4/3', { kind: 'mark', value: '4/3' }],
    ['н', { kind: 'attendance', code: 'absent' }],
    ['Н', { kind: 'attendance', code: 'absent' }],
    ['n', { kind: 'attendance', code: 'absent' }],
    ['б', { kind: 'attendance', code: 'ill' }],
    ['b', { kind: 'attendance', code: 'ill' }],
    ['у', { kind: 'attendance', code: 'excused' }],
    ['y', { kind: 'attendance', code: 'excused' }],
    ['оп', { kind: 'attendance', code: 'late' }],
    ['op', { kind: 'attendance', code: 'late' }],
    ['OP', { kind: 'attendance', code: 'late' }],
    ['н/а', { kind: 'mark', value: 'н/а' }],
    ['na', { kind: 'mark', value: 'н/а' }],
    ['зач', { kind: 'mark', value: 'зач' }],
    ['незач', { kind: 'mark', value: 'незач' }],
    ['', { kind: 'clear' }],
    ['  ', { kind: 'clear' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCellInput(text)).toEqual(expected);
  });

  it.each(['6', '0', '55', 'x', '4++', '5/6', 'abc'])('%j is invalid', (text) => {
    expect(parseCellInput(text)).toEqual({ kind: 'invalid' });
  });
});

describe('isMarkAllowed', () => {
  it('plain scale: 1–5, н/а, зач/незач; no ± and no doubles', () => {
    for (const v of ['1', '2', '3', '4', '5', 'н/а', 'зач', 'незач']) expect(isMarkAllowed(v, plain)).toBe(true);
    for (const v of ['4+', '4-', '4/3', '6', '0', '']) expect(isMarkAllowed(v, plain)).toBe(false);
  });
  it('+ and − only when the school turns them on', () => {
    expect(isMarkAllowed('4-', { ...plain, plusMinus: true })).toBe(true);
    expect(isMarkAllowed('5+', { ...plain, plusMinus: true })).toBe(true);
  });
  it('doubles only where the subject allows', () => {
    expect(isMarkAllowed('4/3', { ...plain, doubleMarks: true })).toBe(true);
    expect(isMarkAllowed('4/3', plain)).toBe(false);
  });
  it('a pass-fail subject takes only зач, незач, н/а', () => {
    const pf = { ...plain, passFail: true };
    expect(isMarkAllowed('зач', pf)).toBe(true);
    expect(isMarkAllowed('н/а', pf)).toBe(true);
    expect(isMarkAllowed('5', pf)).toBe(false);
  });
  it('no marks at all in grade 1 where the subject says so', () => {
    for (const v of ['5', 'зач', 'н/а']) expect(isMarkAllowed(v, { ...plain, noMarks: true })).toBe(false);
  });
  it('term marks: whole digits and н/а, never ± or doubles', () => {
    expect(isTermMarkAllowed('5', plain)).toBe(true);
    expect(isTermMarkAllowed('н/а', plain)).toBe(true);
    expect(isTermMarkAllowed('4-', plain)).toBe(false);
    expect(isTermMarkAllowed('4/3', plain)).toBe(false);
    expect(isTermMarkAllowed('5', { passFail: true, noMarks: false })).toBe(false);
  });
});

describe('numeric parts', () => {
  it('a double mark counts as both parts', () => expect(numericParts('4/3')).toEqual([4, 3]));
  it('± ignored unless the school says so', () => {
    expect(numericParts('4-')).toEqual([4]);
    expect(numericParts('4+', true)[0]).toBeCloseTo(4.3333, 4);
    expect(numericParts('4-', true)[0]).toBeCloseTo(3.6667, 4);
  });
  it('н/а, зач, незач have no number', () => {
    expect(numericParts('н/а')).toEqual([]);
    expect(numericValue('зач')).toBeNull();
    expect(numericValue('4/3')).toBe(3.5);
  });
});
