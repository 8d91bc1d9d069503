/**
 * Large JSON answers built per request (a municipality's dashboard of 175
 * schools, the region's public directory, report tables) are gzipped off the
 * event loop (libuv's pool) when the client accepts it: at scale 1 the
 * municipality dashboard is 138 KB of JSON, the directory 92 KB, too much for
 * the region's rural links and for the one event loop to write. Small answers,
 * most of them, go as they are: compressing costs more than it saves. Answers
 * already encoded (the grid and the diary week keep their gzip) and anything
 * that is not JSON text (files, streams) pass untouched. At most
 * MAX_IN_FLIGHT compress at once; the rest go as they are: each compression
 * holds its text, its zlib state and its output, and 64 dashboards compressed
 * at once took the process from 183 to 229 MB at scale 1 (RESULTS, 2026-11-30).
 */
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptsGzip } from './json-body.js';

/** In UTF-16 units of the JSON text, so at least as many bytes. */
export const COMPRESS_FROM_CHARS = 8192;
/** Two of libuv's four threads at most, the others left to password hashing and file work. */
export const MAX_IN_FLIGHT = 2;
let inFlight = 0;

export function compressLargeJson(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void): void {
  if (typeof payload !== 'string' || payload.length < COMPRESS_FROM_CHARS || reply.hasHeader('content-encoding')) return done(null, payload);
  const type = reply.getHeader('content-type');
  if (typeof type !== 'string' || !type.startsWith('application/json') || !acceptsGzip(request)) return done(null, payload);
  if (inFlight >= MAX_IN_FLIGHT) return done(null, payload);
  inFlight++;
  // Level 4: most of level 6's gain on JSON for about half its time.
  gzip(payload, { level: 4 }, (error, compressed) => {
    inFlight--;
    if (error) return done(null, payload);
    reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding').removeHeader('content-length');
    done(null, compressed);
  });
}
