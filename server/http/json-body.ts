import { constants, crc32, deflateRawSync, gzipSync, inflateRawSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A JSON answer kept as text, with its gzip made once and kept beside it: the
 * journal grid is read many times between changes, over rural links, by
 * browsers that all accept gzip. Compressing per request would cost more
 * than serving it.
 */
export interface KeptJson {
  json: string;
  gzip(): Buffer;
}

export function keptJson(json: string): KeptJson {
  let gzipped: Buffer | null = null;
  return { json, gzip: () => (gzipped ??= gzipSync(json, { level: 6 })) };
}

const ACCEPTS_GZIP = /\bgzip\b/;

/** Does the client take gzip (every browser does)? */
export function acceptsGzip(request: FastifyRequest): boolean {
  const accepted = request.headers['accept-encoding'];
  return accepted !== undefined && ACCEPTS_GZIP.test(accepted);
}

export function sendKeptJson(request: FastifyRequest, reply: FastifyReply, body: KeptJson) {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (acceptsGzip(request)) return reply.header('content-encoding', 'gzip').send(body.gzip());
  return reply.send(body.json);
}

/**
 * A JSON text whose long start is kept and whose short end is made per
 * request (the diary week: the pupil's days kept, the viewer's head not).
 * The start is kept only as gzip's first part: a gzip header and a raw DEFLATE
 * stream ending in a sync flush, with the CRC-32 and length of its text. An
 * answer appends the end as a final stored (uncompressed) block and the gzip
 * trailer, so every browser gets gzip without the server compressing per
 * request, the kept bytes are about a fifth of the text, and only a client that
 * does not accept gzip costs an inflate.
 */
export interface KeptStart {
  gzipHead: Buffer;
  crc: number;
  length: number;
}

/** gzip's fixed header: deflate, no name or time, unknown OS. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
const STORED_MAX = 0xffff;

export function keptStart(text: string): KeptStart {
  const bytes = Buffer.from(text, 'utf8');
  const deflated = deflateRawSync(bytes, { level: 6, finishFlush: constants.Z_SYNC_FLUSH });
  return { gzipHead: Buffer.concat([GZIP_HEADER, deflated]), crc: crc32(bytes), length: bytes.length };
}

/** The whole answer as gzip: the kept start, then `end` in final stored blocks, then the trailer. */
export function gzipWithEnd(start: KeptStart, end: string): Buffer {
  const tail = Buffer.from(end, 'utf8');
  const parts: Buffer[] = [start.gzipHead];
  for (let at = 0; at === 0 || at < tail.length; at += STORED_MAX) {
    const chunk = tail.subarray(at, at + STORED_MAX);
    const final = at + STORED_MAX >= tail.length ? 1 : 0;
    const header = Buffer.alloc(5);
    header[0] = final;
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    parts.push(header, chunk);
  }
  const trailer = Buffer.alloc(8);
  // (Node's crc32 answers 0 for an empty Buffer.from(''), whatever the value it continues.)
  trailer.writeUInt32LE(tail.length ? crc32(tail, start.crc) : start.crc, 0);
  trailer.writeUInt32LE((start.length + tail.length) >>> 0, 4);
  parts.push(trailer);
  return Buffer.concat(parts);
}

/** The whole answer as text, for a client that does not accept gzip. */
export function plainWithEnd(start: KeptStart, end: string): Buffer {
  return Buffer.concat([inflateRawSync(start.gzipHead.subarray(GZIP_HEADER.length), { finishFlush: constants.Z_SYNC_FLUSH }), Buffer.from(end, 'utf8')]);
}

export function sendKeptStart(request: FastifyRequest, reply: FastifyReply, start: KeptStart, end: string) {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (acceptsGzip(request)) return reply.header('content-encoding', 'gzip').send(gzipWithEnd(start, end));
  return reply.send(plainWithEnd(start, end));
}
