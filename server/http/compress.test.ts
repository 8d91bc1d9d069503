import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { COMPRESS_FROM_CHARS, compressLargeJson, MAX_IN_FLIGHT } from './compress.js';

function fakeReply() {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const reply = {
    headers,
    hasHeader: (name: string) => name in headers,
    getHeader: (name: string) => headers[name],
    header(name: string, value: string) {
      headers[name] = value;
      return reply;
    },
    removeHeader(name: string) {
      delete headers[name];
      return reply;
    },
  };
  return reply;
}

describe('compressing large JSON', () => {
  it(`compresses at most ${MAX_IN_FLIGHT} at once and sends the rest as they are`, async () => {
    const text = JSON.stringify({ rows: 'Школа №1 '.repeat(COMPRESS_FROM_CHARS) });
    const request = { headers: { 'accept-encoding': 'gzip' } } as unknown as FastifyRequest;
    const answers = Array.from({ length: MAX_IN_FLIGHT + 2 }, () => {
      const reply = fakeReply();
      let sync = true;
      const sent = new Promise<{ payload: unknown; sync: boolean; encoding?: string }>((resolve) =>
        compressLargeJson(request, reply as unknown as FastifyReply, text, (_error, payload) => resolve({ payload, sync, encoding: reply.headers['content-encoding'] })),
      );
      sync = false;
      return sent;
    });
    const results = await Promise.all(answers);
    const compressed = results.filter((r) => r.encoding === 'gzip');
    expect(compressed).toHaveLength(MAX_IN_FLIGHT);
    for (const r of compressed) expect(gunzipSync(r.payload as Buffer).toString('utf8')).toBe(text);
    const plain = results.filter((r) => r.encoding === undefined);
    expect(plain).toHaveLength(2);
    for (const r of plain) expect(r).toMatchObject({ payload: text, sync: true });
    // Once those are done, the next large answer is compressed again.
    const reply = fakeReply();
    await new Promise<void>((resolve) => compressLargeJson(request, reply as unknown as FastifyReply, text, () => resolve()));
    expect(reply.headers['content-encoding']).toBe('gzip');
  });
});
