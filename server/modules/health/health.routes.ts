import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/types.js';
import { databaseHealth } from './health.service.js';

const HealthView = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Object({ reachable: Type.Boolean(), dialect: Type.String(), pendingMigrations: Type.Array(Type.String()) }),
  time: Type.String(),
});

export function healthRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: { tags: ['health'], summary: 'Database reachable and migrations current', response: { 200: HealthView, 503: HealthView } },
    },
    async (_request, reply) => {
      const { reachable, pending } = await databaseHealth(ctx);
      const ok = reachable && pending.length === 0;
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'degraded',
        database: { reachable, dialect: ctx.db.dialect, pendingMigrations: pending },
        time: ctx.clock.now().toISOString(),
      });
    },
  );
}
