import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  BACKGROUND_CHECK_STATUSES,
  PERSON_TYPES,
  WORK_MODES,
} from '@/server/domain/inventory/person';
import { SENSITIVITIES } from '@/server/domain/inventory/system';
import { VENDOR_STATUSES, VENDOR_TIERS } from '@/server/domain/inventory/vendor';
import { organizations, users } from './tenancy';

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const vendors = pgTable(
  'vendors',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    country: text('country'),
    services: text('services').notNull().default(''),
    tier: text('tier', { enum: VENDOR_TIERS }).notNull(),
    // The questionnaire's answer; `tier` differs from it only when overridden with a reason.
    inherentTier: text('inherent_tier', { enum: VENDOR_TIERS }).notNull(),
    tierOverrideReason: text('tier_override_reason'),
    questionnaire: jsonb('questionnaire').notNull(),
    status: text('status', { enum: VENDOR_STATUSES }).notNull().default('prospect'),
    dataCategories: text('data_categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    contractStart: date('contract_start'),
    contractEnd: date('contract_end'),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    subProcessors: jsonb('sub_processors')
      .notNull()
      .default(sql`'[]'::jsonb`),
    certifications: jsonb('certifications')
      .notNull()
      .default(sql`'[]'::jsonb`),
    lastReviewAt: date('last_review_at'),
    nextReviewAt: date('next_review_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('vendors_org_name_key').on(t.orgId, sql`lower(${t.name})`),
    index('vendors_org_status_idx').on(t.orgId, t.status),
    index('vendors_org_tier_idx').on(t.orgId, t.tier),
  ],
);

export const vendorStatusHistory = pgTable(
  'vendor_status_history',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    vendorId: uuid('vendor_id').notNull(),
    fromStatus: text('from_status', { enum: VENDOR_STATUSES }),
    toStatus: text('to_status', { enum: VENDOR_STATUSES }).notNull(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.vendorId], foreignColumns: [vendors.orgId, vendors.id] }),
    index('vendor_status_history_vendor_idx').on(t.orgId, t.vendorId, t.changedAt),
  ],
);

export const people = pgTable(
  'people',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    type: text('type', { enum: PERSON_TYPES }).notNull(),
    vendorId: uuid('vendor_id'),
    department: text('department'),
    title: text('title'),
    managerId: uuid('manager_id'),
    // Users of Vigil who are also people under review (managers approving access) link here.
    userId: uuid('user_id').references(() => users.id),
    location: text('location'),
    country: text('country'),
    timezone: text('timezone'),
    workMode: text('work_mode', { enum: WORK_MODES }),
    startDate: date('start_date'),
    endDate: date('end_date'),
    identityVerifiedAt: timestamp('identity_verified_at', { withTimezone: true }),
    identityVerifiedBy: uuid('identity_verified_by').references(() => users.id),
    backgroundCheckStatus: text('background_check_status', { enum: BACKGROUND_CHECK_STATUSES })
      .notNull()
      .default('not_started'),
    backgroundCheckAt: date('background_check_at'),
    lastScreenedAt: timestamp('last_screened_at', { withTimezone: true }),
    // docs/PRIVACY.md §Erasure: a legal hold (its reason) refuses erasure; an erased person stays
    // as a tombstone without personal data so grants and audit entries keep their subject.
    legalHold: text('legal_hold'),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('people_org_email_key').on(t.orgId, t.email),
    foreignKey({ columns: [t.orgId, t.vendorId], foreignColumns: [vendors.orgId, vendors.id] }),
    foreignKey({ columns: [t.orgId, t.managerId], foreignColumns: [t.orgId, t.id] }),
    index('people_org_vendor_idx').on(t.orgId, t.vendorId),
    index('people_org_manager_idx').on(t.orgId, t.managerId),
    index('people_org_name_idx').on(t.orgId, t.fullName),
  ],
);

/** Typed identifiers, stored normalized so matching is an equality lookup. */
export const personIdentifiers = pgTable(
  'person_identifiers',
  {
    orgId: orgId(),
    personId: uuid('person_id').notNull(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    raw: text('raw').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.personId, t.kind, t.value] }),
    foreignKey({
      columns: [t.orgId, t.personId],
      foreignColumns: [people.orgId, people.id],
    }).onDelete('cascade'),
    index('person_identifiers_lookup_idx').on(t.orgId, t.kind, t.value),
  ],
);

export const systems = pgTable(
  'systems',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    criticality: text('criticality', { enum: SENSITIVITIES }).notNull().default('medium'),
    dataClassification: text('data_classification').notNull().default('internal'),
    // Other names the logs use for it (an Okta app label, an AWS account id), for resolution.
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('systems_org_name_key').on(t.orgId, sql`lower(${t.name})`),
  ],
);

export const privileges = pgTable(
  'privileges',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    systemId: uuid('system_id').notNull(),
    name: text('name').notNull(),
    sensitivity: text('sensitivity', { enum: SENSITIVITIES }).notNull(),
    retired: boolean('retired').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.systemId], foreignColumns: [systems.orgId, systems.id] }),
    uniqueIndex('privileges_system_name_key').on(t.orgId, t.systemId, sql`lower(${t.name})`),
  ],
);

/** Privilege combinations nobody may hold together (e.g. create payee + approve payment). */
export const toxicPairs = pgTable(
  'toxic_pairs',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    privilegeA: uuid('privilege_a').notNull(),
    privilegeB: uuid('privilege_b').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.privilegeA],
      foreignColumns: [privileges.orgId, privileges.id],
    }),
    foreignKey({
      columns: [t.orgId, t.privilegeB],
      foreignColumns: [privileges.orgId, privileges.id],
    }),
    uniqueIndex('toxic_pairs_key').on(t.orgId, t.privilegeA, t.privilegeB),
  ],
);

export type VendorRow = typeof vendors.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
