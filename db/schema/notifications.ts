import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_SETTINGS,
} from '@/server/domain/notifications/categories';
import { signals } from './signals';
import { memberships, organizations } from './tenancy';

/**
 * A member's own notification choices (docs/NOTIFICATIONS.md §Preferences). Only choices that
 * differ from the role's default are stored, so defaults follow a role change. Any member of the
 * organization may read them (to decide who is mailed); row-level security lets only the member
 * themself write theirs.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id').notNull(),
    category: text('category', { enum: NOTIFICATION_CATEGORIES }).notNull(),
    setting: text('setting', { enum: NOTIFICATION_SETTINGS }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.category] }),
    foreignKey({
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
  ],
);

/**
 * Each critical signal once, when a notification run first saw it: the immediate mail goes out
 * for the rows a run inserts, and digests cover the rows noticed since a member's last digest.
 */
export const criticalSignalNotices = pgTable(
  'critical_signal_notices',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    signalId: uuid('signal_id').notNull(),
    noticedAt: timestamp('noticed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.signalId] }),
    foreignKey({ columns: [t.orgId, t.signalId], foreignColumns: [signals.orgId, signals.id] }),
    index('critical_signal_notices_noticed_idx').on(t.orgId, t.noticedAt),
  ],
);

/** One digest per member per organization-local day: the key that makes the job idempotent. */
export const notificationDigests = pgTable(
  'notification_digests',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    // The digest covered signals noticed up to this instant; the next one starts here.
    coveredUntil: timestamp('covered_until', { withTimezone: true }).notNull(),
    signalCount: integer('signal_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.day] }),
    foreignKey({
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
  ],
);
