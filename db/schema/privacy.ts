import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './inventory';
import { organizations, users } from './tenancy';

// A member's reveal of one pseudonymized person: the name shows to that member until expiresAt
// (docs/PRIVACY.md §Pseudonymized investigation). Kept after expiry: auditors list every reveal.
export const personReveals = pgTable(
  'person_reveals',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // The signal the member revealed from: the context the reason refers to.
    signalId: uuid('signal_id'),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
    index('person_reveals_viewer_idx').on(t.orgId, t.userId, t.expiresAt),
    index('person_reveals_created_idx').on(t.orgId, t.createdAt),
  ],
);
