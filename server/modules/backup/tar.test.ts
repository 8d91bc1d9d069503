import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTar, writeTar } from './tar.js';

describe('tar', () => {
  it('round-trips entries and is readable by the system tar', () => {
    const entries = [
      { name: 'manifest.json', data: Buffer.from('{"a":1}') },
      { name: 'tables/persons.jsonl', data: Buffer.from('{"surname":"Иванов"}\n'.repeat(100)) },
      { name: 'tables/empty.jsonl', data: Buffer.alloc(0) },
    ];
    const tar = writeTar(entries, new Date('2026-10-14T03:00:00Z'));
    expect(readTar(tar).map((e) => [e.name, e.data.toString()])).toEqual(entries.map((e) => [e.name, e.data.toString()]));
    const dir = mkdtempSync(join(tmpdir(), 'otm-tar-'));
    try {
      writeFileSync(join(dir, 'x.tar'), tar);
      execFileSync('tar', ['-xf', 'x.tar'], { cwd: dir });
      expect(readFileSync(join(dir, 'tables', 'persons.jsonl'), 'utf8')).toBe(entries[1]!.data.toString());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged header', () => {
    const tar = writeTar([{ name: 'a.txt', data: Buffer.from('x') }], new Date(0));
    tar[3] = 0x41;
    expect(() => readTar(tar)).toThrow('damaged');
  });
});
