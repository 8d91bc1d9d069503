import type { FastifyReply } from 'fastify';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'otmetka_session';

/**
 * Max-Age, not Expires: the browser measures it from its own clock, so a server
 * whose clock is fixed (FIXED_NOW for e2e and demos) still gives a working cookie.
 */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: string, now: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: Math.max(0, Math.floor((new Date(expiresAt).getTime() - now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}
