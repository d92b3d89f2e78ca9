import {
  boolean,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Normalized access events. Created by a hand-written migration (0012) because the table is
 * range-partitioned by month on occurred_at, which drizzle-kit cannot express; this object is
 * for queries only and is not in the drizzle-kit schema (db/schema/index.ts leaves it out).
 */
export const accessEvents = pgTable('access_events', {
  orgId: uuid('org_id').notNull(),
  id: uuid('id').notNull().defaultRandom(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  source: text('source').notNull(),
  sourceEventId: text('source_event_id').notNull(),
  batchId: uuid('batch_id').notNull(),
  personId: uuid('person_id'),
  actorKey: text('actor_key').notNull(),
  actor: text('actor').notNull(),
  systemId: uuid('system_id'),
  systemName: text('system_name'),
  action: text('action').notNull(),
  resource: text('resource'),
  recordCount: integer('record_count').notNull(),
  ticketId: text('ticket_id'),
  ip: text('ip'),
  country: text('country'),
  city: text('city'),
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
  deviceId: text('device_id'),
  userAgent: text('user_agent'),
  sessionId: text('session_id'),
  outcome: text('outcome', { enum: ['success', 'failure'] }).notNull(),
  isProxy: boolean('is_proxy').notNull(),
  raw: jsonb('raw'),
  ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
});
