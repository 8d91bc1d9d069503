import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../../shared/dates.js';
import { backupsToKeep, type Retention } from './rotation.js';
import { instantAtLocal, nextBackupAt } from './schedule.js';

const TZ = 'Asia/Chita';
const chita = new Intl.DateTimeFormat('en-CA', { timeZone: TZ });
const DEFAULT: Retention = { dailyDays: 30, weeklyMonths: 3, monthlyMonths: 12, yearlyYears: 5 };

describe('backup rotation', () => {
  it('after 2 years of nightly runs with a fake clock keeps 30 dailies, the weeks of 3 months, 12 months and the years', () => {
    // The fake clock: every night at 02:00 Chita the scheduler makes a backup, then rotates.
    let clock = instantAtLocal('2024-12-01', 2, TZ);
    const end = instantAtLocal('2026-11-30', 2, TZ);
    let kept: Array<{ name: string; createdAt: string }> = [];
    let runs = 0;
    while (clock.getTime() <= end.getTime()) {
      const date = chita.format(clock);
      kept.push({ name: date, createdAt: clock.toISOString() });
      const keep = backupsToKeep(kept, clock, TZ, DEFAULT);
      kept = kept.filter((b) => keep.has(b.name));
      runs++;
      clock = nextBackupAt(clock, 2, TZ);
    }
    expect(runs).toBe(730);

    const expected = new Set<string>();
    for (let d = '2026-11-01'; d <= '2026-11-30'; d = addDays(d, 1)) expected.add(d); // daily: 30 days
    for (let d = '2026-08-31'; d <= '2026-11-30'; d = addDays(d, 7)) expected.add(d); // weekly: Mondays after 30 Aug
    for (let m = 0; m < 12; m++) expected.add(`${m < 1 ? '2025-12' : `2026-${String(m).padStart(2, '0')}`}-01`); // monthly
    for (const y of ['2024-12-01', '2025-01-01', '2026-01-01']) expected.add(y); // yearly: oldest of each year
    expect(isoWeekday('2026-08-31')).toBe(1);
    expect(kept.map((b) => b.name).sort()).toEqual([...expected].sort());
    expect(kept).toHaveLength(30 + 9 + 10 + 3); // the weekly Mondays of November and the 1st of November overlap the dailies
  });

  it('keeps the newest backup even when it is outside every window, and keeps nothing twice', () => {
    const items = [{ name: 'old', createdAt: '2010-01-01T00:00:00.000Z' }];
    expect([...backupsToKeep(items, new Date('2026-01-01T00:00:00Z'), TZ, DEFAULT)]).toEqual(['old']);
    const two = [...items, { name: 'new', createdAt: '2025-12-31T20:00:00.000Z' }];
    expect([...backupsToKeep(two, new Date('2026-01-01T00:00:00Z'), TZ, DEFAULT)]).toEqual(['new']);
  });

  it('uses the region’s local date: 01:00 Chita on the 1st belongs to the 1st, not to the UTC day before', () => {
    const items = [
      { name: 'a', createdAt: '2026-02-28T16:00:00.000Z' }, // 1 March 01:00 Chita
      { name: 'b', createdAt: '2026-03-01T16:00:00.000Z' }, // 2 March 01:00 Chita
    ];
    const keep = backupsToKeep(items, new Date('2027-01-15T00:00:00Z'), TZ, DEFAULT);
    expect([...keep].sort()).toEqual(['a', 'b']); // a: oldest of March; b: the newest
  });
});

describe('backup schedule', () => {
  it('runs at the set hour in the region’s time zone, the same day when the hour is still ahead', () => {
    expect(nextBackupAt(new Date('2026-10-14T03:00:00Z'), 2, TZ).toISOString()).toBe('2026-10-14T17:00:00.000Z');
    expect(nextBackupAt(new Date('2026-10-13T16:00:00Z'), 2, TZ).toISOString()).toBe('2026-10-13T17:00:00.000Z');
    expect(nextBackupAt(new Date('2026-10-13T17:00:00Z'), 2, TZ).toISOString()).toBe('2026-10-14T17:00:00.000Z');
    // 02:00 does not exist in Berlin that night (clocks jump to 03:00): the backup runs at 03:00 CEST.
    expect(nextBackupAt(new Date('2026-03-28T12:00:00Z'), 2, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(nextBackupAt(new Date('2026-06-01T12:00:00Z'), 2, 'Europe/Berlin').toISOString()).toBe('2026-06-02T00:00:00.000Z');
  });
});
