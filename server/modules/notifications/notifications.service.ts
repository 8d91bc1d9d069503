/** E-mail notifications (issue 6): the durable outbox, notices derived from marks, digests, the sender. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import * as q from './outbox.queries.js';

export { deriveDigests, deriveInstantNotices, DIGEST_HOUR } from './notices.js';
export { sendDue, messageIdFor, backoffMs, MAX_ATTEMPTS, type SendReport } from './sender.js';
export type { NewMessage } from './outbox.queries.js';

/** Enqueue a message inside the caller's transaction (idempotent by dedupe key). */
export function enqueueMessage(ctx: AppContext, trx: Kysely<Database>, message: q.NewMessage): Promise<boolean> {
  return q.enqueue(trx, message, ctx.clock.now().toISOString());
}
