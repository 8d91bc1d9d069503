import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import type { Actor } from '../policy/actor.js';
import type { Permission } from '../policy/permissions.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  Logger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route declares the permission it needs (policy/permissions.ts). */
    permission?: Permission;
  }
  interface FastifyRequest {
    /** The signed-in person, or null for anonymous requests. */
    actor: Actor | null;
  }
}
