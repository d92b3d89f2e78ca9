import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { MAIL_STATUSES } from '@/server/domain/mail/statuses';
import { organizations } from './tenancy';

/**
 * Every message Vigil sends (docs/PRODUCT.md §Mail and the outbox: email through SMTP when
 * configured, otherwise an outbox the admin can read). Without SMTP a message stays `outbox` and
 * its body is kept for the admin; with SMTP it is `queued` until the mail.deliver_org job hands
 * it to the server, then `sent` with the body dropped (bodies carry single-use links), or
 * `failed` after the last attempt.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    category: text('category').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text'),
    // What the message is about (e.g. attestation_request / its id), for the outbox's filters.
    relatedType: text('related_type'),
    relatedId: text('related_id'),
    status: text('status', { enum: MAIL_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('outbox_messages_recent_idx').on(t.orgId, t.createdAt.desc(), t.id),
    index('outbox_messages_queued_idx')
      .on(t.orgId, t.createdAt)
      .where(sql`status = 'queued'`),
    index('outbox_messages_related_idx')
      .on(t.orgId, t.relatedType, t.relatedId)
      .where(sql`related_id is not null`),
  ],
);
