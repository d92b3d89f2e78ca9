import { and, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { outboxMessages } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { FAILURE_NOTICE_KIND } from '@/server/domain/notifications/failure-notice';
import { getEnv } from '@/server/env';
import { notifyAdminsOfFailure } from '@/server/services/notifications/failures';
import { MAX_MAIL_ATTEMPTS, requestMailDelivery } from './outbox';

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
  /** Failure notices queued for admins (delivered by the next run). */
  noticesQueued: number;
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
  const run: DeliveryRun = { sent: 0, failed: 0, retrying: 0, noticesQueued: 0 };
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
      const lastError = error instanceof Error ? error.message.slice(0, 500) : 'send failed';
      await withSystem(
        async (tx) => {
          await tx
            .update(outboxMessages)
            .set({ attempts, status: gaveUp ? 'failed' : 'queued', lastError })
            .where(key);
          // A dead message tells the admins, once a day; a dead notice of that kind does not.
          if (gaveUp && message.category !== FAILURE_NOTICE_KIND)
            run.noticesQueued += await notifyAdminsOfFailure(tx, orgId, {
              what: 'Mail delivery',
              detail: `A ${message.category} message to ${message.toAddress} was given up after ${attempts} attempts: ${lastError}`,
              link: '/settings/outbox?status=failed',
            });
        },
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
  // The next window's job: this window's is the one running now.
  if (run.noticesQueued > 0) await requestMailDelivery(orgId, Date.now() + 10_000);
  if (run.retrying > 0)
    throw new Error(`${run.retrying} message(s) could not be delivered yet; retrying`);
  return run;
}
