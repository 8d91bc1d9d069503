/**
 * Sends due outbox messages over SMTP.
 *
 * Guarantee: at least once, and exactly once unless the process dies in the
 * window between the SMTP server accepting a message and the `sent` update
 * (milliseconds). A message is claimed with a lease and `attempts + 1` in a
 * transaction before sending; only an acceptance by the server marks it
 * `sent`. After a crash the lease runs out and the message is sent again with
 * the SAME Message-ID (derived from the outbox id), so mail clients and
 * servers that deduplicate by Message-ID show it once. A restart between
 * enqueue and send loses nothing: the row is durable and `pending`.
 *
 * A refused address is a delivery failure, never a crash: the error is
 * logged, the row is retried with exponential backoff, and after
 * MAX_ATTEMPTS it stays in the table as `failed` with its last error.
 */
import type { Transporter } from 'nodemailer';
import type { AppContext } from '../../context.js';
import * as q from './outbox.queries.js';

export const MAX_ATTEMPTS = 6;
const LEASE_MS = 2 * 60_000;
const BATCH = 50;

/** 1, 2, 4 … minutes after the attempt that failed, at most six hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

const transports = new WeakMap<object, Transporter>();
/** nodemailer is loaded with the first message to send, not on installations without SMTP. */
async function transportFor(ctx: AppContext): Promise<Transporter | null> {
  if (!ctx.config.smtpUrl) return null;
  let transport = transports.get(ctx.config);
  if (!transport) {
    const nodemailer = (await import('nodemailer')).default;
    transports.set(ctx.config, (transport = nodemailer.createTransport(ctx.config.smtpUrl)));
  }
  return transport;
}

export function messageIdFor(ctx: AppContext, outboxId: number): string {
  const host = (() => {
    try {
      return new URL(ctx.config.publicUrl).hostname || 'otmetka.local';
    } catch {
      return 'otmetka.local';
    }
  })();
  return `<outbox-${outboxId}@${host}>`;
}

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
}

export async function sendDue(ctx: AppContext): Promise<SendReport> {
  const report: SendReport = { sent: 0, retried: 0, failed: 0 };
  const transport = await transportFor(ctx);
  if (!transport) return report; // no SMTP configured: messages wait in the outbox
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const claimed = await q.claim(db, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), BATCH);
  for (const m of claimed) {
    try {
      await transport.sendMail({ from: ctx.config.mailFrom, to: m.to_address, subject: m.subject, text: m.body, messageId: messageIdFor(ctx, m.id) });
      await q.markSent(db, m.id, ctx.clock.now().toISOString());
      report.sent++;
    } catch (error) {
      const e = error as { message?: string; responseCode?: number };
      const text = `${e.responseCode ?? ''} ${e.message ?? String(error)}`.trim().slice(0, 1000);
      if (m.attempts >= MAX_ATTEMPTS) {
        ctx.logger.error({ outboxId: m.id, to: m.to_address, attempts: m.attempts, error: text }, 'e-mail delivery failed for good');
        await q.markFailed(db, m.id, text);
        report.failed++;
      } else {
        const nextAt = new Date(ctx.clock.now().getTime() + backoffMs(m.attempts)).toISOString();
        ctx.logger.warn({ outboxId: m.id, to: m.to_address, attempts: m.attempts, nextAt, error: text }, 'e-mail delivery failed, will retry');
        await q.markRetry(db, m.id, nextAt, text);
        report.retried++;
      }
    }
  }
  return report;
}
