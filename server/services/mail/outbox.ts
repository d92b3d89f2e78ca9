import { and, desc, eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { outboxMessages } from '@/db/schema';
import { MAIL_STATUSES } from '@/server/domain/mail/statuses';
import { withSystem, withTenant } from '@/db/tenant';
import type { Role } from '@/server/domain/tenancy/roles';
import { getEnv, type Env } from '@/server/env';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { enqueueJob } from '@/server/services/jobs/queue';
import { cursorSchema, encodeCursor, requireCursor } from '@/server/services/shared/keyset';
import { activeMembersInRoles } from '@/server/services/tenancy/member-directory';

/** One outgoing message; subjects are one line so no header can be smuggled in. */
export const mailMessageSchema = z.object({
  to: z.email().max(320),
  subject: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, 'A subject is one line'),
  body: z.string().min(1).max(20_000),
  category: z.string().regex(/^[a-z][a-z0-9_.]{1,60}$/),
  relatedType: z.string().max(60).optional(),
  relatedId: z.string().max(100).optional(),
});
export type MailMessage = z.input<typeof mailMessageSchema>;

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

/** Many messages in one statement per thousand (a campaign launch mails its whole audience). */
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

/** The same message to every active member holding one of `roles` (e.g. compliance alerts). */
export async function queueMailToRoles(
  tx: Tx,
  orgId: string,
  roles: readonly Role[],
  message: Omit<MailMessage, 'to'>,
): Promise<number> {
  const recipients = await activeMembersInRoles(tx, orgId, roles);
  return queueMails(
    tx,
    orgId,
    recipients.map((r) => ({ ...message, to: r.email })),
  );
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

export const outboxFilterSchema = z.object({
  status: z.enum(MAIL_STATUSES).optional(),
  to: z.string().trim().max(320).optional(),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(200).default(50),
});

/** The admin's outbox, newest first (keyset on created_at, id). */
export async function listOutbox(actor: OrgActor, input: z.input<typeof outboxFilterSchema>) {
  const f = outboxFilterSchema.parse(input);
  const after = requireCursor(f.cursor, 2);
  if (
    after &&
    (Number.isNaN(Date.parse(String(after[0]))) || !z.uuid().safeParse(after[1]).success)
  )
    throw new UserFacingError(
      'BAD_REQUEST',
      'That page link is no longer valid. Start from the first page.',
    );
  return withTenant(tenantOf(actor), async (tx) => {
    const rows = await tx
      .select({
        id: outboxMessages.id,
        category: outboxMessages.category,
        to: outboxMessages.toAddress,
        subject: outboxMessages.subject,
        body: outboxMessages.bodyText,
        status: outboxMessages.status,
        attempts: outboxMessages.attempts,
        lastError: outboxMessages.lastError,
        createdAt: outboxMessages.createdAt,
        sentAt: outboxMessages.sentAt,
        cursorAt: sql<string>`${outboxMessages.createdAt}::text`,
      })
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.orgId, actor.orgId),
          f.status ? eq(outboxMessages.status, f.status) : undefined,
          f.to ? sql`lower(${outboxMessages.toAddress}) = lower(${f.to})` : undefined,
          // Row comparison on the exact stored microseconds (a JS Date would round them).
          after
            ? sql`(${outboxMessages.createdAt}, ${outboxMessages.id}) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(f.limit + 1);
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return {
      smtp: smtpConfigured(),
      items: page.map(({ cursorAt: _, ...item }) => item),
      nextCursor: rows.length > f.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  });
}
