import { Type } from 'typebox';
import { WriteBody } from '../../../shared/contracts/journal.js';
import type { AppContext } from '../../context.js';
import { keptJson, sendKeptJson } from '../../http/json-body.js';
import type { App } from '../../http/types.js';

const Stored = Type.Object({ json: Type.String({ maxLength: 5_000_000 }), gzip: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

/**
 * Benchmark baselines, registered only with BENCH_ROUTES=true: the same
 * server, hooks and session check answering stored bytes from memory, so that
 * a real route's throughput can be reported as a ratio of the serving limit.
 * `static` stands for a read (GET), `echo` for a journal write (POST with the
 * write's body validated against its contract and the write permission
 * checked, but nothing stored).
 */
export function benchRoutes(app: App, _ctx: AppContext): void {
  let staticAnswer = keptJson('{}');
  let gzipped = false;
  let echo = '{}';
  app.put('/api/bench/static', { config: { permission: 'region.manage' }, schema: { hide: true, body: Stored } }, async (request, reply) => {
    // Compressed once, as the journal keeps the grid's gzip (http/json-body.ts).
    staticAnswer = keptJson(request.body.json);
    gzipped = request.body.gzip === true;
    if (gzipped) staticAnswer.gzip();
    return reply.status(204).send(null);
  });
  app.put('/api/bench/echo', { config: { permission: 'region.manage' }, schema: { hide: true, body: Stored } }, async (request, reply) => {
    echo = request.body.json;
    return reply.status(204).send(null);
  });
  app.get('/api/bench/static', { config: { permission: 'authenticated' }, schema: { hide: true } }, async (request, reply) =>
    gzipped ? sendKeptJson(request, reply, staticAnswer) : reply.type('application/json; charset=utf-8').send(staticAnswer.json),
  );
  app.post('/api/bench/echo', { config: { permission: 'journal.write' }, schema: { hide: true, body: WriteBody } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(echo),
  );
}
