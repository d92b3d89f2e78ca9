import { date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './tenancy';

/**
 * Signals per day (of their window's end), kind and severity: the overview's "signals over time"
 * chart reads this, never the signals or events tables (docs/PRODUCT.md §Dashboards). Kept
 * current by the dashboard.refresh_org job after detection and on a schedule.
 */
export const signalDailyCounts = pgTable(
  'signal_daily_counts',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    day: date('day').notNull(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    signals: integer('signals').notNull(),
    open: integer('open').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.kind, t.severity] })],
);
