import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { actorForSessionToken, flushSessionTouches } from '../modules/accounts/accounts.service.js';
import type { Actor } from '../policy/actor.js';
import { isPermission } from '../policy/permissions.js';
import { holdsPermission } from '../policy/policy.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** The header every state-changing API request must carry (CSRF defence beside SameSite=Lax). */
export const CSRF_HEADER = 'x-otmetka-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses to register an /api route that declares no permission: no route decides access on its own. */
export function assertRouteDeclaresPermission(route: RouteOptions): void {
  if (!route.url.startsWith('/api/')) return;
  const permission = (route.config as { permission?: unknown } | undefined)?.permission;
  if (!isPermission(permission)) {
    throw new Error(`Route ${String(route.method)} ${route.url} declares no valid permission (config.permission)`);
  }
}

export function authHooks(ctx: AppContext) {
  return {
    /** Sessions seen since the last batch are written before the database closes. */
    onClose: () => flushSessionTouches(ctx),
    async onRequest(request: FastifyRequest) {
      request.actor = null;
      const token = request.cookies[SESSION_COOKIE];
      if (token && request.url.startsWith('/api/')) request.actor = await actorForSessionToken(ctx, token);
    },
    async preValidation(request: FastifyRequest, _reply: FastifyReply) {
      const permission = request.routeOptions.config.permission;
      if (!permission) return;
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
        throw new AppError('csrf_missing', { field: `/headers/${CSRF_HEADER}` });
      }
      if (permission === 'public') return;
      if (!request.actor) throw new AppError('unauthenticated');
      if (!holdsPermission(request.actor, permission)) throw new AppError('forbidden');
    },
  };
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}
