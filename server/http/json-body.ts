import { gzipSync } from 'node:zlib';
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

export function sendKeptJson(request: FastifyRequest, reply: FastifyReply, body: KeptJson) {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const accepted = request.headers['accept-encoding'];
  if (accepted && ACCEPTS_GZIP.test(accepted)) return reply.header('content-encoding', 'gzip').send(body.gzip());
  return reply.send(body.json);
}
