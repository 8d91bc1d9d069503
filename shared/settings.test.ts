import { describe, expect, it } from 'vitest';
import { defaultSchoolSettings, readSettings } from './settings.js';

describe('settings over defaults', () => {
  it('keeps stored values of the right type and falls back for the rest', () => {
    const s = readSettings(defaultSchoolSettings, JSON.stringify({ plusMinus: true, lateAfterSchoolDays: 'two', unknown: 1, termMarkThresholds: { five: 4.5 } }));
    expect(s.plusMinus).toBe(true);
    expect(s.lateAfterSchoolDays).toBe(1);
    expect(s.termMarkThresholds).toEqual({ five: 4.5, four: 3.6, three: 2.6 });
    expect('unknown' in s).toBe(false);
  });
  it('survives malformed JSON', () => {
    expect(readSettings(defaultSchoolSettings, '{oops')).toEqual(defaultSchoolSettings);
  });
});
