import { and, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { outboxMessages } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { getEnv } from '@/server/env';
import { MAX_MAIL_ATTEMPTS } from './outbox';

/** What delivery needs of a transport (nodemailer's, or a test double). */
export interface MailSender {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

let transport: Transporter | undefined;
function smtpTransport(): MailSender {
  const url = getEnv().SMTP_URL;
  if (!url) throw new Error('mail delivery ran without SMTP_URL');
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export interface DeliveryRun {
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Hands an org's queued messages to SMTP, oldest first. Each send happens outside any
 * transaction (no connection held on a slow server); a crash between sending and marking it sent
 * can send twice, which at-least-once delivery accepts. Throws when a message will be retried,
 * so the job backs off and runs again.
 */
export async function deliverQueuedMail(
  orgId: string,
  via: MailSender = smtpTransport(),
  limit = 200,
): Promise<DeliveryRun> {
  const queued = await withSystem(
    (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.status, 'queued')))
        .orderBy(outboxMessages.createdAt)
        .limit(limit),
    { orgId },
  );
  const run: DeliveryRun = { sent: 0, failed: 0, retrying: 0 };
  for (const message of queued) {
    const key = and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.id, message.id));
    try {
      await via.sendMail({
        from: getEnv().MAIL_FROM,
        to: message.toAddress,
        subject: message.subject,
        text: message.bodyText ?? '',
      });
    } catch (error) {
      const attempts = message.attempts + 1;
      const gaveUp = attempts >= MAX_MAIL_ATTEMPTS;
      await withSystem(
        (tx) =>
          tx
            .update(outboxMessages)
            .set({
              attempts,
              status: gaveUp ? 'failed' : 'queued',
              lastError: error instanceof Error ? error.message.slice(0, 500) : 'send failed',
            })
            .where(key),
        { orgId },
      );
      if (gaveUp) run.failed += 1;
      else run.retrying += 1;
      continue;
    }
    await withSystem(
      (tx) =>
        tx
          .update(outboxMessages)
          .set({
            status: 'sent',
            sentAt: new Date(),
            bodyText: null,
            attempts: message.attempts + 1,
            lastError: null,
          })
          .where(key),
      { orgId },
    );
    run.sent += 1;
  }
  if (run.retrying > 0)
    throw new Error(`${run.retrying} message(s) could not be delivered yet; retrying`);
  return run;
}
