/**
 * Security headers (CSP and the rest of helmet's set), computed once at start.
 * @fastify/helmet rebuilds helmet's middleware, parsing every directive, on
 * each request; the headers never change between requests, so they are
 * collected once from helmet itself and set by a plain hook.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: string | number | string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, collector as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  // helmet's middlewares run synchronously; anything else would mean headers missing from every answer.
  if (!finished) throw new Error('helmet did not finish synchronously');
  return headers;
}
