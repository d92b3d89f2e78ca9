import type { Tx } from '@/db/client';
import { outboxMessages } from '@/db/schema';
import { mailMessageSchema, type MailMessage } from '@/server/domain/mail/message';
import { getEnv, type Env } from '@/server/env';
import { enqueueJob } from '@/server/services/jobs/queue';

export type { MailMessage };

export function smtpConfigured(env: Env = getEnv()): boolean {
  return env.SMTP_URL !== undefined;
}

/** Where links in messages point: the app's public address (NEXTAUTH_URL), else local dev. */
export function appBaseUrl(env: Env = getEnv()): string {
  return (env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

/** Delivery attempts per message before it is marked `failed` (the job backs off between). */
export const MAX_MAIL_ATTEMPTS = 8;
/** Messages queued within one window share one delivery job. */
const DELIVERY_WINDOW_MS = 10_000;

/** A validated message as its outbox row: `queued` for SMTP, else kept for the admin's outbox. */
function outboxRow(orgId: string, message: MailMessage) {
  const m = mailMessageSchema.parse(message);
  return {
    orgId,
    category: m.category,
    toAddress: m.to,
    subject: m.subject,
    bodyText: m.body,
    relatedType: m.relatedType ?? null,
    relatedId: m.relatedId ?? null,
    status: smtpConfigured() ? ('queued' as const) : ('outbox' as const),
  };
}

/**
 * Records a message in the caller's transaction, so it exists only if the change that caused it
 * commits. With SMTP it is `queued` and goes out once the caller asks for delivery after commit
 * (`requestMailDelivery`); without, it waits in the admin's outbox.
 */
export async function queueMail(tx: Tx, orgId: string, message: MailMessage): Promise<string> {
  const [row] = await tx
    .insert(outboxMessages)
    .values(outboxRow(orgId, message))
    .returning({ id: outboxMessages.id });
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}

/**
 * Many messages in one statement per thousand (a campaign launch mails its whole audience).
 * Mail to members goes through services/notifications (`notify`), which keeps their preferences
 * and adds the unsubscribe link; this is for the rest (signing links, invitations).
 */
export async function queueMails(
  tx: Tx,
  orgId: string,
  messages: readonly MailMessage[],
): Promise<number> {
  const rows = messages.map((message) => outboxRow(orgId, message));
  for (let i = 0; i < rows.length; i += 1000)
    await tx.insert(outboxMessages).values(rows.slice(i, i + 1000));
  return rows.length;
}

/**
 * Call after the transaction that queued mail committed: one delivery job per org per window
 * (the app role cannot enqueue inside a tenant transaction). A crash before this call leaves
 * messages queued for the mail.sweep job. No-op without SMTP.
 */
export async function requestMailDelivery(orgId: string, now = Date.now()): Promise<boolean> {
  if (!smtpConfigured()) return false;
  const window = Math.floor(now / DELIVERY_WINDOW_MS);
  return enqueueJob(
    'mail.deliver_org',
    { orgId },
    { dedupeKey: `mail.deliver_org:${orgId}:${window}`, maxAttempts: MAX_MAIL_ATTEMPTS },
  );
}

/** Runs a change that queues mail, then asks for delivery once it committed. */
export async function thenDeliverMail<T>(orgId: string, change: Promise<T>): Promise<T> {
  const result = await change;
  await requestMailDelivery(orgId);
  return result;
}
