import { describe, expect, it } from 'vitest';
import { changesFor, cellText, finalMarkValue, type CellState } from './cells';

const scale = { plusMinus: false, doubleMarks: false, passFail: false, noMarks: false };
const ids = { lessonId: 10, studentId: 20 };

describe('typed cell text → journal changes', () => {
  it('a new mark and an absence in an empty cell', () => {
    expect(changesFor('н 5', undefined, ids, scale)).toEqual({
      changes: [
        { kind: 'attendance', ...ids, version: 0, code: 'absent' },
        { kind: 'mark', ...ids, value: '5' },
      ],
    });
  });
  it('changes the first mark in place, deletes the extra, keeps attendance', () => {
    const cell: CellState = { marks: [{ id: 1, value: '3', version: 2, workTypeId: 0 }, { id: 2, value: '4', version: 1, workTypeId: 0 }], attendance: { code: 'late', version: 1 } };
    expect(cellText(cell)).toBe('ОП 3 4');
    expect(changesFor('op 4', cell, ids, scale, 'ошибка')).toEqual({
      changes: [
        { kind: 'mark', ...ids, markId: 1, version: 2, value: '4', reason: 'ошибка' },
        { kind: 'mark', ...ids, markId: 2, version: 1, value: null, reason: 'ошибка' },
      ],
    });
  });
  it('an empty text clears the cell', () => {
    const cell: CellState = { marks: [{ id: 1, value: '5', version: 1, workTypeId: 0 }], attendance: { code: 'ill', version: 3 } };
    expect(changesFor('', cell, ids, scale)).toEqual({
      changes: [
        { kind: 'attendance', ...ids, version: 3, code: null },
        { kind: 'mark', ...ids, markId: 1, version: 1, value: null },
      ],
    });
  });
  it('a mark the scale refuses is named', () => {
    expect(changesFor('4-', undefined, ids, scale)).toEqual({ invalid: '4-' });
    expect(changesFor('7', undefined, ids, scale)).toEqual({ invalid: '7' });
  });
});

describe('typed text of a term or year mark cell', () => {
  it('a whole mark, н/а or a clear; no +/−, no doubles, no attendance', () => {
    expect(finalMarkValue('5', scale)).toEqual({ value: '5' });
    expect(finalMarkValue('na', scale)).toEqual({ value: 'н/а' });
    expect(finalMarkValue(' ', scale)).toEqual({ value: null });
    expect(finalMarkValue('4-', { ...scale, plusMinus: true })).toEqual({ invalid: '4-' });
    expect(finalMarkValue('4/3', { ...scale, doubleMarks: true })).toEqual({ invalid: '4/3' });
    expect(finalMarkValue('н', scale)).toEqual({ invalid: 'н' });
  });
  it('a pass/fail subject takes зач and незач only', () => {
    expect(finalMarkValue('зач', { ...scale, passFail: true })).toEqual({ value: 'зач' });
    expect(finalMarkValue('5', { ...scale, passFail: true })).toEqual({ invalid: '5' });
  });
});
