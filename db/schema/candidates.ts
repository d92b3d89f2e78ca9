import {
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { CHECK_RESULTS, MANUAL_CHECKS } from '@/server/domain/candidates/checks';
import { people } from './inventory';
import { organizations, users } from './tenancy';

// docs/IMPOSTORS.md: a candidate is a person of type `candidate`; this row holds what only the
// hiring stage has. It stays after the hire so the person keeps their pre-hire history.
export const candidates = pgTable(
  'candidates',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    personId: uuid('person_id').notNull(),
    stage: text('stage'),
    role: text('role'),
    recruiter: text('recruiter'),
    /** Where the record came from: greenhouse, lever, vigil (a CSV) or the demo seed. */
    source: text('source').notNull().default('vigil'),
    atsId: text('ats_id'),
    appliedOn: date('applied_on'),
    shippingAddress: text('shipping_address'),
    shippingCountry: text('shipping_country'),
    hiredAt: timestamp('hired_at', { withTimezone: true }),
    hiredBy: uuid('hired_by').references(() => users.id),
    hiredAs: text('hired_as'),
    /** Set when an admin converted with checks open or failed: their reason and what they overrode. */
    overrideReason: text('override_reason'),
    overriddenChecks: jsonb('overridden_checks'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId] }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
    index('candidates_org_hired_idx').on(t.orgId, t.hiredAt),
  ],
);

/** Manual checks as last recorded; every recording is also in the audit log. */
export const candidateChecks = pgTable(
  'candidate_checks',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    personId: uuid('person_id').notNull(),
    check: text('check', { enum: MANUAL_CHECKS }).notNull(),
    result: text('result', { enum: CHECK_RESULTS }).notNull(),
    note: text('note'),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId, t.check] }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
  ],
);
