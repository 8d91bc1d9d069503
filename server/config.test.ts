import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'otmetka-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dir, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config', () => {
  it('defaults to an SQLite file under the data folder, Asia/Chita, port 3000, and keeps a generated session secret', () => {
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.database).toEqual({ kind: 'sqlite', file: join(dir, 'otmetka.sqlite') });
    expect(config.timeZone).toBe('Asia/Chita');
    expect(config.port).toBe(3000);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(config.sessionSecret);
  });

  it('takes PostgreSQL from a postgres:// DATABASE_URL', () => {
    expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: 'postgres://u:p@localhost:5432/otm' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@localhost:5432/otm',
    });
  });

  it('lists every problem at once, naming each setting, and hides passwords', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/otm', PORT: 'eighty', TZ: 'Mars/Olympus', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^PORT:/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('not supported');
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems.find((p) => p.startsWith('TZ:'))).toContain('Mars/Olympus');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toBeDefined();
  });

  it('believes X-Forwarded-For only from private-network proxies by default; TRUST_PROXY is checked', () => {
    expect(loadConfig({ DATA_DIR: dir }).trustProxy).toBe('loopback,linklocal,uniquelocal');
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).trustProxy).toBe('10.0.0.1,192.168.0.0/16');
    expect(problemsOf({ TRUST_PROXY: 'everyone' })).toEqual([expect.stringContaining('TRUST_PROXY: "everyone"')]);
  });

  it('refuses a data folder it cannot write', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const target = join(locked, 'inner');
    const problems = problemsOf({ DATA_DIR: target });
    // root may write anywhere; the check then has nothing to refuse
    if (process.getuid?.() !== 0) expect(problems[0]).toMatch(/^DATA_DIR:/);
    const fileAsDir = join(dir, 'config.test.file');
    writeFileSync(fileAsDir, 'x');
    expect(problemsOf({ DATA_DIR: join(fileAsDir, 'sub') })[0]).toMatch(/^DATA_DIR: the folder/);
  });
});
