import { sql } from 'drizzle-orm';
import {
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
import {
  CONNECTOR_KINDS,
  CONNECTOR_RUN_OUTCOMES,
  CONNECTOR_RUN_TRIGGERS,
  CONNECTOR_STATUSES,
} from '@/server/domain/connectors/kinds';
import { organizations } from './tenancy';

/**
 * A connection that pulls an organization's logs from a provider by itself (docs/CONNECTORS.md).
 * `cursor` is the provider's own checkpoint (Okta: the next link), saved after each page, so a
 * run that stops resumes where it stopped. `lease_*` keeps two workers from running it at once.
 */
export const connectors = pgTable(
  'connectors',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind', { enum: CONNECTOR_KINDS }).notNull(),
    name: text('name').notNull(),
    // Kind-specific settings without secrets (domain/connectors/<kind>.ts).
    settings: jsonb('settings').notNull(),
    // The credential, sealed (services/shared/secrets.ts, purpose connector.secret:<id>).
    secretSealed: text('secret_sealed').notNull(),
    secretHint: text('secret_hint').notNull(),
    cursor: text('cursor'),
    status: text('status', { enum: CONNECTOR_STATUSES }).notNull().default('active'),
    intervalMinutes: integer('interval_minutes').notNull().default(15),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
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
    uniqueIndex('connectors_org_name_key').on(t.orgId, sql`lower(${t.name})`),
    index('connectors_due_idx').on(t.orgId, t.status, t.nextRunAt),
  ],
);

/** One pass of a connector and what it brought (the history on the settings page). */
export const connectorRuns = pgTable(
  'connector_runs',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    connectorId: uuid('connector_id').notNull(),
    trigger: text('trigger', { enum: CONNECTOR_RUN_TRIGGERS }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    pages: integer('pages').notNull().default(0),
    received: integer('received').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    outcome: text('outcome', { enum: CONNECTOR_RUN_OUTCOMES }).notNull().default('running'),
    message: text('message'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.connectorId],
      foreignColumns: [connectors.orgId, connectors.id],
    }).onDelete('cascade'),
    index('connector_runs_recent_idx').on(t.orgId, t.connectorId, t.startedAt),
  ],
);
