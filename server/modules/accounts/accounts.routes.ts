import { Type } from 'typebox';
import { ActivateBody, ChangePasswordBody, MeView, SessionView, SignInBody } from '../../../shared/contracts/accounts.js';
import { IdParams } from '../../../shared/contracts/common.js';
import type { AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import type { App } from '../../http/types.js';
import * as service from './accounts.service.js';

export function accountsRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/auth/sign-in',
    {
      // Per address only a generous ceiling: a whole school shares one IP; accounts are throttled in the service.
      config: { permission: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
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

  app.post(
    '/api/auth/activate',
    {
      config: { permission: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: { tags: ['accounts'], summary: 'Activate an account with the one-time code, choosing a login and a password', body: ActivateBody, response: { 200: MeView } },
    },
    async (request, reply) => {
      const meta = { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
      const { token, expiresAt } = await service.activate(ctx, request.body, meta);
      setSessionCookie(reply, ctx.config, token, expiresAt, ctx.clock.now());
      return service.describeActor(requireActor(await service.actorForSessionToken(ctx, token)));
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['accounts'], summary: 'Change the password; every other session ends', body: ChangePasswordBody, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await service.changePassword(ctx, requireActor(request.actor), request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/sessions',
    { config: { permission: 'authenticated' }, schema: { tags: ['accounts'], summary: 'The signed-in account’s live sessions', response: { 200: Type.Array(SessionView) } } },
    async (request) => service.listSessions(ctx, requireActor(request.actor)),
  );

  app.delete(
    '/api/auth/sessions/:id',
    { config: { permission: 'authenticated' }, schema: { tags: ['accounts'], summary: 'End one of one’s own sessions', params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await service.endSession(ctx, requireActor(request.actor), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
