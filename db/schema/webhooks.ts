import { sql } from 'drizzle-orm';
import {
  bigint,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { OUTBOUND_EVENT_TYPES } from '@/server/domain/outbound/events';
import { DELIVERY_STATUSES } from '@/server/domain/webhooks/retry';
import { organizations, users } from './tenancy';

/**
 * An organization's webhook receivers (docs/INTEGRATIONS.md §Webhooks). `checkpoint` is the last
 * outbound event sequence fanned out to this endpoint: fan-out reads after it, inserts
 * deliveries and advances it in one transaction, so nothing is lost or repeated.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    // Empty: every event type.
    events: text('events', { enum: OUTBOUND_EVENT_TYPES })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Sealed with the organization and purpose `webhook.secret` (server/services/shared/secrets.ts).
    secretSealed: text('secret_sealed').notNull(),
    secretHint: text('secret_hint').notNull(),
    status: text('status', { enum: ['active', 'paused'] })
      .notNull()
      .default('active'),
    checkpoint: bigint('checkpoint', { mode: 'number' }).notNull().default(0),
    // When admins were last told a delivery died: at most one notice a day per endpoint.
    failureNotifiedAt: timestamp('failure_notified_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * One event (or test) for one endpoint, and what became of it: the delivery log, the retry
 * schedule and the dead letter at once. The body is the envelope as first built, so a retry or
 * a redelivery sends the same bytes' content even after the event is pruned.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    endpointId: uuid('endpoint_id').notNull(),
    // Null for a test delivery, which is not part of the stream.
    eventSeq: bigint('event_seq', { mode: 'number' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: jsonb('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    responseCode: integer('response_code'),
    latencyMs: integer('latency_ms'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.endpointId],
      foreignColumns: [webhookEndpoints.orgId, webhookEndpoints.id],
    }),
    uniqueIndex('webhook_deliveries_event_key').on(t.orgId, t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx')
      .on(t.orgId, t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'failed')`),
    index('webhook_deliveries_log_idx').on(t.orgId, t.createdAt, t.id),
  ],
);
