import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const JOB_STATUSES = ['queued', 'running', 'done', 'dead'] as const;

/**
 * The durable job queue (docs/RELIABILITY.md §Durable jobs): workers claim with FOR UPDATE SKIP
 * LOCKED, a crashed worker's lease runs out and the job is claimed again, failures retry with
 * backoff until max_attempts and then stay as `dead` for a person to read. Not a tenant table:
 * only workers (as the table owner) touch it; the payload names the organization.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    // Enqueueing the same key twice is a no-op (scheduled runs, per-entity work).
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_key').on(t.dedupeKey),
    index('jobs_claim_idx')
      .on(t.runAt)
      .where(sql`status in ('queued', 'running')`),
  ],
);
