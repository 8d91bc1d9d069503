import type { FastifyReply } from 'fastify';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'otmetka_session';

/**
 * `now` is the server clock's instant: Max-Age (relative) is sent beside Expires so that a
 * browser whose clock differs from the server's (a fixed clock in e2e, a skewed PC) keeps the cookie.
 */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: string, now?: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    expires: new Date(expiresAt),
    ...(now ? { maxAge: Math.max(0, Math.floor((Date.parse(expiresAt) - now.getTime()) / 1000)) } : {}),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}
