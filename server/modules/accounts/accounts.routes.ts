import { Type } from 'typebox';
import { MeView, SignInBody } from '../../../shared/contracts/accounts.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import type { App } from '../../http/types.js';
import * as service from './accounts.service.js';

export function accountsRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/auth/sign-in',
    {
      config: { permission: 'public' },
      schema: { tags: ['accounts'], summary: 'Sign in with login and password', body: SignInBody, response: { 200: MeView } },
    },
    async (request, reply) => {
      const { token, expiresAt } = await service.signIn(ctx, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, ctx.config, token, expiresAt, ctx.clock.now());
      const actor = await service.actorForSessionToken(ctx, token);
      return service.describeActor(requireActor(actor));
    },
  );

  app.post(
    '/api/auth/sign-out',
    { config: { permission: 'authenticated' }, schema: { tags: ['accounts'], summary: 'End this session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      await service.signOut(ctx, requireActor(request.actor));
      clearSessionCookie(reply, ctx.config);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { permission: 'authenticated' }, schema: { tags: ['accounts'], summary: 'The signed-in person and their grants', response: { 200: MeView } } },
    async (request) => service.describeActor(requireActor(request.actor)),
  );
}
