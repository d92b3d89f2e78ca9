import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from './inventory';
import { organizations, users } from './tenancy';

/** Impostor and fraud profiles from public lists or the tenant's own intelligence. */
export const watchlistEntries = pgTable(
  'watchlist_entries',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    source: text('source').notNull(),
    name: text('name').notNull(),
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Normalized typed identifiers: [{ kind, value }].
    identifiers: jsonb('identifiers')
      .notNull()
      .default(sql`'[]'::jsonb`),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('watchlist_entries_key').on(t.orgId, t.source, sql`lower(${t.name})`),
  ],
);

export const watchlistMatches = pgTable(
  'watchlist_matches',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    entryId: uuid('entry_id').notNull(),
    matchedOn: text('matched_on').array().notNull(),
    similarity: real('similarity').notNull(),
    status: text('status', { enum: ['open', 'confirmed', 'false_positive'] })
      .notNull()
      .default('open'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewReason: text('review_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('watchlist_matches_pair_key').on(t.orgId, t.personId, t.entryId),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
    foreignKey({
      columns: [t.orgId, t.entryId],
      foreignColumns: [watchlistEntries.orgId, watchlistEntries.id],
    }),
    index('watchlist_matches_status_idx').on(t.orgId, t.status),
  ],
);
