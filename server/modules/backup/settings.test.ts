import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

const dir = mkdtempSync(join(tmpdir(), 'otmetka-backup-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup settings', () => {
  it('default to 02:00 and 30 days / 3 months / 12 months / 5 years, in DATA_DIR/backups', () => {
    const config = loadConfig({ DATA_DIR: dir }, { readOnly: true });
    expect(config.backupHour).toBe(2);
    expect(config.backupRetention).toEqual({ dailyDays: 30, weeklyMonths: 3, monthlyMonths: 12, yearlyYears: 5 });
    expect(config.backupDir).toBe(join(dir, 'backups'));
  });

  it('accept BACKUP_HOUR=off and name every bad value', () => {
    expect(loadConfig({ DATA_DIR: dir, BACKUP_HOUR: 'off' }, { readOnly: true }).backupHour).toBeNull();
    try {
      loadConfig({ DATA_DIR: dir, BACKUP_HOUR: '24', BACKUP_KEEP_DAILY_DAYS: '0', BACKUP_KEEP_YEARLY_YEARS: 'five' }, { readOnly: true });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('BACKUP_HOUR: "24"');
      expect(problems).toContain('BACKUP_KEEP_DAILY_DAYS: "0"');
      expect(problems).toContain('BACKUP_KEEP_YEARLY_YEARS: "five"');
    }
  });
});
