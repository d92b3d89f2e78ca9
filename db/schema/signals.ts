import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from './inventory';
import { organizations, users } from './tenancy';

export const SIGNAL_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
// `escalated`: in an open case; `confirmed`: its case closed substantiated
// (docs/DETECTORS.md §Triage and precision).
export const SIGNAL_STATUSES = [
  'open',
  'acknowledged',
  'dismissed',
  'escalated',
  'confirmed',
] as const;

/** One detector finding about a person (docs/PRODUCT.md §Signals and triage). */
export const signals = pgTable(
  'signals',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').notNull(),
    personId: uuid('person_id').notNull(),
    vendorId: uuid('vendor_id'),
    severity: text('severity', { enum: SIGNAL_SEVERITIES }).notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    // Same data → same key, so re-running a detector updates rather than duplicates.
    dedupeKey: text('dedupe_key').notNull(),
    explanation: text('explanation').notNull(),
    evidenceEventIds: uuid('evidence_event_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    stats: jsonb('stats')
      .notNull()
      .default(sql`'{}'::jsonb`),
    // The evidence events as the signal page shows them, copied before retention drops the raw
    // events (docs/PRIVACY.md §Retention), so a living signal keeps its evidence.
    evidenceSnapshot: jsonb('evidence_snapshot'),
    detectorVersion: text('detector_version').notNull(),
    status: text('status', { enum: SIGNAL_STATUSES }).notNull().default('open'),
    statusReason: text('status_reason'),
    statusBy: uuid('status_by').references(() => users.id),
    statusAt: timestamp('status_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
    uniqueIndex('signals_dedupe_key').on(t.orgId, t.dedupeKey),
    index('signals_queue_idx').on(t.orgId, t.status, t.createdAt, t.id),
    index('signals_person_idx').on(t.orgId, t.personId, t.windowEnd),
    index('signals_kind_idx').on(t.orgId, t.kind, t.status),
    // The dashboard refresh regroups a range of days (dashboard-service.ts).
    index('signals_window_end_idx').on(t.orgId, t.windowEnd),
  ],
);
