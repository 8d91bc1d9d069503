import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/types.js';

/**
 * Benchmark baseline, registered only with BENCH_ROUTES=true: the same server,
 * hooks and session check answering stored bytes from memory, so that a real
 * route's throughput can be reported as a ratio of the serving limit.
 */
export function benchRoutes(app: App, _ctx: AppContext): void {
  let payload = '{}';
  app.put(
    '/api/bench/static',
    {
      config: { permission: 'region.manage' },
      schema: { hide: true, body: Type.Object({ json: Type.String({ maxLength: 5_000_000 }) }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      payload = request.body.json;
      return reply.status(204).send(null);
    },
  );
  app.get('/api/bench/static', { config: { permission: 'authenticated' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(payload),
  );
}
