import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';
import type { AppContext } from './context.js';
import { assertRouteDeclaresPermission, authHooks } from './http/auth.js';
import { compressLargeJson } from './http/compress.js';
import { errorHandler, notFoundHandler } from './http/problem.js';
import { securityHeaders } from './http/security-headers.js';
import type { App } from './http/types.js';
import { validatorCompiler } from './http/validation.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { consentsRoutes } from './modules/consents/consents.routes.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { controlRoutes } from './modules/control/control.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { benchRoutes } from './modules/bench/bench.routes.js';
import { backupRoutes } from './modules/backup/backup.routes.js';
import { diaryRoutes } from './modules/diary/diary.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { schoolSetupRoutes } from './modules/school-setup/school-setup.routes.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { journalRoutes } from './modules/journal/journal.routes.js';
import { monitoringRoutes } from './modules/monitoring/monitoring.routes.js';
import { structureRoutes } from './modules/structure/structure.routes.js';

export const WEB_DIST = join(ROOT, 'dist', 'web');

/** Builds the HTTP app on a context. Modules are registered here, by hand, in one list. */
export async function buildApp(ctx: AppContext, options: { serveWeb?: boolean; webRoot?: string } = {}): Promise<App> {
  const webRoot = options.webRoot ?? WEB_DIST;
  const app = Fastify({
    loggerInstance: ctx.logger,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: ctx.config.trustProxy,
    // Per-request lines only when debugging: on hot paths they cost more than the work.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  const serveWeb = options.serveWeb === true && existsSync(join(webRoot, 'index.html'));
  // The client's routes all answer index.html; /api stays a problem+json 404.
  app.setNotFoundHandler((request, reply) => {
    const page = request.method === 'GET' || request.method === 'HEAD';
    if (!serveWeb || request.url.startsWith('/api/') || !page) return notFoundHandler(request, reply);
    return reply.status(200).header('cache-control', 'no-cache').sendFile('index.html');
  });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) return;
    assertRouteDeclaresPermission(route);
  });

  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through inline <style>; scripts stay strict.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only where the installation says it is served over HTTPS (SECURE_COOKIES or an https PUBLIC_URL):
    // pinned on a plain-HTTP intranet install it would make the site unreachable once HTTPS is half set up.
    strictTransportSecurity: ctx.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.uploadLimit, files: 1, fields: 20 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Otmetka API', version: '0.1.0', description: 'Electronic school journal and diary' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'otmetka_session' } } },
    },
    transform: ({ schema, url, route }) => {
      const permission = (route.config as { permission?: string } | undefined)?.permission;
      return { schema: { ...schema, ...(permission ? { 'x-permission': permission } : {}) } as never, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const hooks = authHooks(ctx);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', hooks.onRequest);
  app.addHook('preValidation', hooks.preValidation);
  app.addHook('onClose', hooks.onClose);
  app.addHook('onSend', compressLargeJson);

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  // Modules, in the order of design.md's capabilities.
  healthRoutes(app, ctx);
  structureRoutes(app, ctx);
  accountsRoutes(app, ctx);
  peopleRoutes(app, ctx);
  consentsRoutes(app, ctx);
  if (ctx.config.benchRoutes) benchRoutes(app, ctx);
  schoolSetupRoutes(app, ctx);
  importsRoutes(app, ctx);
  journalRoutes(app, ctx);
  backupRoutes(app, ctx);
  monitoringRoutes(app, ctx);
  diaryRoutes(app, ctx);
  controlRoutes(app, ctx);
  reportsRoutes(app, ctx);

  if (serveWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false, maxAge: '1h' });
  return app;
}
