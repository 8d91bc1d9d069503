import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'otmetka-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function otmetka(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'otmetka.mjs'), ...args], {
    env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
}

describe('otmetka CLI', () => {
  it('check-config exits at once naming a bad DATABASE_URL', () => {
    const result = otmetka(['check-config'], { DATABASE_URL: 'mysql://x@y/z' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL');
  });

  it('serve exits at once on a bad setting instead of starting', () => {
    const result = otmetka(['serve'], { PORT: '99999' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT');
  });

  it('migrate, then demo, make the demo region; a second demo is refused', () => {
    expect(otmetka(['migrate']).stdout).toContain('applied');
    const demo = otmetka(['demo', '--scale', '0.001']);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('Забайкальский край');
    const again = otmetka(['demo']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('empty database');
    // The demo includes a year of lessons for every school; slow when the machine is busy.
  }, 180_000);

  it('create-admin prints a code once; a second admin is refused', () => {
    const first = otmetka(['create-admin', '--surname', 'Иванова', '--name', 'Мария'], { DATA_DIR: join(dir, 'admin') });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/activation code: [A-Z0-9]{5}-[A-Z0-9]{5}/);
    const second = otmetka(['create-admin'], { DATA_DIR: join(dir, 'admin') });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain('admin already exists');
  }, 120_000);
});
