import {
  bigint,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { OUTBOUND_EVENT_TYPES } from '@/server/domain/outbound/events';
import { organizations } from './tenancy';

/**
 * What happened in an organization that leaves Vigil (docs/INTEGRATIONS.md §Events): written in
 * the transaction of the change it describes, numbered per organization in commit order (an
 * advisory lock held to commit), so each destination (webhook endpoint, Slack, SIEM stream) keeps
 * one checkpoint, `seq`, and neither loses nor repeats an event after a restart.
 */
export const outboundEvents = pgTable(
  'outbound_events',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull().defaultRandom(),
    type: text('type', { enum: OUTBOUND_EVENT_TYPES }).notNull(),
    // What the event is about (a signal, case, grant …), for filters and the delivery log.
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    data: jsonb('data').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.seq] }),
    index('outbound_events_time_idx').on(t.orgId, t.occurredAt),
  ],
);
