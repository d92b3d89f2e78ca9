import { sql } from 'drizzle-orm';
import {
  foreignKey,
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
import { people } from './inventory';
import { organizations, users } from './tenancy';

/**
 * Who the logs say acted, before and after resolution to a person
 * (docs/INGEST.md §Identity resolution): one row per identifier seen, so the unresolved-actors page
 * lists each once and linking it back-fills every event carrying it.
 */
export const actorIdentities = pgTable(
  'actor_identities',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    // `${kind}:${normalized value}`, the key events carry.
    actorKey: text('actor_key').notNull(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    status: text('status', { enum: ['unresolved', 'resolved', 'service_account'] })
      .notNull()
      .default('unresolved'),
    personId: uuid('person_id'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    eventCount: bigint('event_count', { mode: 'number' }).notNull().default(0),
    sources: text('sources')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
    uniqueIndex('actor_identities_key').on(t.orgId, t.actorKey),
    // Status only: counts and last-seen change on every ingest chunk, and leaving them out of
    // every index lets PostgreSQL update those rows in place (HOT) instead of rewriting indexes.
    index('actor_identities_status_idx').on(t.orgId, t.status),
  ],
);

/** One ingest run (file, CLI call or API request) and what became of its records. */
export const ingestBatches = pgTable(
  'ingest_batches',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    format: text('format').notNull(),
    channel: text('channel', { enum: ['upload', 'cli', 'api', 'connector'] }).notNull(),
    fileName: text('file_name'),
    startedBy: text('started_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    received: integer('received').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    unresolved: integer('unresolved').notNull().default(0),
    // The first rejections with line and reason, for the summary (bounded).
    rejections: jsonb('rejections')
      .notNull()
      .default(sql`'[]'::jsonb`),
    error: text('error'),
    // When the detectors last ran over this batch's events (null: not yet).
    detectedAt: timestamp('detected_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('ingest_batches_recent_idx').on(t.orgId, t.startedAt),
  ],
);
