import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { SIEM_KINDS, SIEM_STATUSES } from '@/server/domain/siem/inputs';
import { organizations } from './tenancy';

/**
 * Where an organization streams signals and audit entries (docs/INTEGRATIONS.md §SIEM streaming).
 * Two checkpoints per destination, `outbound_seq` (outbound_events) and `audit_seq` (audit_log),
 * advanced only after the receiver accepted a batch. `lease_*` keeps two workers from sending the
 * same batch to one destination at once.
 */
export const siemDestinations = pgTable(
  'siem_destinations',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: SIEM_KINDS }).notNull(),
    // Kind-specific settings without secrets (host, port, format … or URL, index, sourcetype).
    config: jsonb('config').notNull(),
    // The HEC token, sealed (services/shared/secrets.ts, purpose siem.hec_token); shown as a hint.
    tokenSealed: text('token_sealed'),
    tokenHint: text('token_hint'),
    sources: text('sources').array().notNull(),
    eventTypes: text('event_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    outboundSeq: bigint('outbound_seq', { mode: 'number' }).notNull().default(0),
    auditSeq: bigint('audit_seq', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: SIEM_STATUSES }).notNull().default('active'),
    failures: integer('failures').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    leaseOwner: uuid('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('siem_destinations_org_name_key').on(t.orgId, sql`lower(${t.name})`),
    index('siem_destinations_status_idx').on(t.orgId, t.status),
  ],
);
