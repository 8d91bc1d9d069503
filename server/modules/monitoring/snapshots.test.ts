import { describe, expect, it } from 'vitest';
import { defaultRegionSettings } from '../../../shared/settings.js';
import { dueWeek, zonedInstant } from './snapshots.js';

describe('snapshot time in the region’s time zone', () => {
  it('Wednesday 06:00 in Chita is Tuesday 21:00 UTC', () => {
    expect(zonedInstant('2026-10-14', 6, 'Asia/Chita').toISOString()).toBe('2026-10-13T21:00:00.000Z');
    expect(zonedInstant('2026-03-29', 6, 'Europe/Berlin').toISOString()).toBe('2026-03-29T04:00:00.000Z');
  });

  it('the due week turns at the snapshot hour', () => {
    expect(dueWeek(new Date('2026-10-13T20:59:00Z'), 'Asia/Chita', defaultRegionSettings)).toBe('2026-10-07');
    expect(dueWeek(new Date('2026-10-13T21:00:00Z'), 'Asia/Chita', defaultRegionSettings)).toBe('2026-10-14');
    expect(dueWeek(new Date('2026-10-17T12:00:00Z'), 'Asia/Chita', defaultRegionSettings)).toBe('2026-10-14');
  });
});
