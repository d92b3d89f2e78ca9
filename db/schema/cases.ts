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
  CASE_EVENT_KINDS,
  CASE_OUTCOMES,
  CASE_SEVERITIES,
  CASE_STATUSES,
} from '@/server/domain/cases/case';
import { people, vendors } from './inventory';
import { signals } from './signals';
import { organizations, users } from './tenancy';

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id);

/** An investigation grouping signals, people and vendors (docs/PRODUCT.md §Cases). */
export const cases = pgTable(
  'cases',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    // Per-organization sequence, shown as CASE-0007.
    number: integer('number').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    severity: text('severity', { enum: CASE_SEVERITIES }).notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    openedBy: uuid('opened_by').references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: text('outcome', { enum: CASE_OUTCOMES }),
    closingRationale: text('closing_rationale'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('cases_number_key').on(t.orgId, t.number),
    index('cases_list_idx').on(t.orgId, t.status, t.openedAt, t.id),
    index('cases_assignee_idx').on(t.orgId, t.assigneeUserId, t.status),
  ],
);

export const caseSignals = pgTable(
  'case_signals',
  {
    orgId: orgId(),
    caseId: uuid('case_id').notNull(),
    signalId: uuid('signal_id').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.caseId, t.signalId] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    foreignKey({ columns: [t.orgId, t.signalId], foreignColumns: [signals.orgId, signals.id] }),
    // A signal belongs to one case at most: its outcome comes from that case.
    uniqueIndex('case_signals_signal_key').on(t.orgId, t.signalId),
  ],
);

export const casePeople = pgTable(
  'case_people',
  {
    orgId: orgId(),
    caseId: uuid('case_id').notNull(),
    personId: uuid('person_id').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.caseId, t.personId] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
    index('case_people_person_idx').on(t.orgId, t.personId),
  ],
);

export const caseVendors = pgTable(
  'case_vendors',
  {
    orgId: orgId(),
    caseId: uuid('case_id').notNull(),
    vendorId: uuid('vendor_id').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.caseId, t.vendorId] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    foreignKey({ columns: [t.orgId, t.vendorId], foreignColumns: [vendors.orgId, vendors.id] }),
    index('case_vendors_vendor_idx').on(t.orgId, t.vendorId),
  ],
);

/** The case's timeline: every note, change and action with its result (append-only). */
export const caseEvents = pgTable(
  'case_events',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind', { enum: CASE_EVENT_KINDS }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    body: text('body'),
    // What changed: status from/to, assignee, subjects added, or an action and its result.
    data: jsonb('data').notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index('case_events_case_idx').on(t.orgId, t.caseId, t.at),
  ],
);
