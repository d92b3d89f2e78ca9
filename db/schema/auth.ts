import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Sign-in throttling buckets keyed by ip or email; global (sign-in happens before a tenant is known).
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull(),
});
