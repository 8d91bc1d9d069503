import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipWithEnd, keptStart, plainWithEnd } from './json-body.js';

const days = JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ number: i % 6, subject: 'Русский язык', topic: 'Решение задач по теме урока', homework: '§ 12, № 345, 346', marks: [{ value: '5', workType: 'Ответ на уроке' }] })));

describe('a JSON answer with a kept start and a per-request end', () => {
  const cases: Array<[string, string, string]> = [
    ['ASCII', '{"a":[1,2,3]', ',"b":true}'],
    ['Cyrillic in both parts', `{"days":${days}`, ',"student":{"name":"Анна Иванова","className":"5А"},"week":"2027-03-15"}'],
    ['an empty end', '{"x":"ё"}', ''],
    ['an end longer than one stored block (64 KiB)', '{"a":1', `,"b":"${'щ'.repeat(70_000)}"}`],
  ];
  it.each(cases)('gzip decodes (CRC and length checked) to start + end: %s', (_name, start, end) => {
    const kept = keptStart(start);
    expect(gunzipSync(gzipWithEnd(kept, end)).toString('utf8')).toBe(start + end);
    expect(plainWithEnd(kept, end).toString('utf8')).toBe(start + end);
  });

  it('keeps the start in a fraction of its size', () => {
    const kept = keptStart(`{"days":${days}`);
    expect(kept.length).toBe(Buffer.byteLength(`{"days":${days}`));
    expect(kept.gzipHead.length).toBeLessThan(kept.length / 5);
  });

  it('makes different ends from one kept start', () => {
    const kept = keptStart('{"days":[]');
    expect(JSON.parse(gunzipSync(gzipWithEnd(kept, ',"me":1}')).toString())).toEqual({ days: [], me: 1 });
    expect(JSON.parse(gunzipSync(gzipWithEnd(kept, ',"me":2}')).toString())).toEqual({ days: [], me: 2 });
  });
});
