import {
  date,
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
  CAMPAIGN_STATUSES,
  ITEM_STATUSES,
  REVIEW_DECISIONS,
  REVIEWER_BASES,
  VERIFICATION_RESULTS,
} from '@/server/domain/access-reviews/campaign';
import { SENSITIVITIES } from '@/server/domain/inventory/system';
import { accessGrants } from './access';
import { organizations, users } from './tenancy';

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id);
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A certification of access in scope, due by a date (docs/PRODUCT.md §Access reviews). */
export const accessReviewCampaigns = pgTable(
  'access_review_campaigns',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    // { systemIds: uuid[], vendorIds: uuid[], minSensitivity } — empty lists mean "all".
    scope: jsonb('scope').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    launchedBy: uuid('launched_by').references(() => users.id),
    // The snapshot time: items are the grants as they were at this instant.
    launchedAt: ts('launched_at'),
    completedAt: ts('completed_at'),
    itemCount: integer('item_count').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('access_review_campaigns_list_idx').on(t.orgId, t.status, t.createdAt),
  ],
);

/** One grant as it was at launch, its reviewer, current decision and remediation record. */
export const accessReviewItems = pgTable(
  'access_review_items',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    // The snapshot (copied at launch; later grant changes never alter it).
    grantId: uuid('grant_id').notNull(),
    personId: uuid('person_id').notNull(),
    personName: text('person_name').notNull(),
    personEmail: text('person_email'),
    vendorId: uuid('vendor_id'),
    vendorName: text('vendor_name'),
    systemId: uuid('system_id').notNull(),
    systemName: text('system_name').notNull(),
    privilegeId: uuid('privilege_id').notNull(),
    privilegeName: text('privilege_name').notNull(),
    sensitivity: text('sensitivity', { enum: SENSITIVITIES }).notNull(),
    grantStatus: text('grant_status').notNull(),
    startsAt: ts('starts_at'),
    expiresAt: ts('expires_at'),
    justification: text('justification').notNull(),
    approver: text('approver'),
    granteeUserId: uuid('grantee_user_id').references(() => users.id),
    // Reviewer: null with basis `fallback` means compliance must assign one ("needs a reviewer").
    reviewerUserId: uuid('reviewer_user_id').references(() => users.id),
    reviewerBasis: text('reviewer_basis', { enum: REVIEWER_BASES }).notNull(),
    reviewerNote: text('reviewer_note'),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('pending'),
    decision: text('decision', { enum: REVIEW_DECISIONS }),
    rationale: text('rationale'),
    newExpiresAt: ts('new_expires_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    remediationExecutedAt: ts('remediation_executed_at'),
    remediationVerifiedAt: ts('remediation_verified_at'),
    verificationResult: text('verification_result', { enum: VERIFICATION_RESULTS }),
    verificationCheckedAt: ts('verification_checked_at'),
    // Each sent once (the reminder and escalation jobs dedupe on these).
    remindedAt: ts('reminded_at'),
    escalatedAt: ts('escalated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.campaignId],
      foreignColumns: [accessReviewCampaigns.orgId, accessReviewCampaigns.id],
    }),
    foreignKey({
      columns: [t.orgId, t.grantId],
      foreignColumns: [accessGrants.orgId, accessGrants.id],
    }),
    uniqueIndex('access_review_items_grant_key').on(t.orgId, t.campaignId, t.grantId),
    index('access_review_items_inbox_idx').on(t.orgId, t.reviewerUserId, t.status),
    index('access_review_items_campaign_idx').on(t.orgId, t.campaignId, t.status),
  ],
);

/** Every decision ever recorded on an item, oldest first (append-only: the app role cannot rewrite it). */
export const accessReviewDecisions = pgTable(
  'access_review_decisions',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    itemId: uuid('item_id').notNull(),
    decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
    rationale: text('rationale').notNull(),
    newExpiresAt: ts('new_expires_at'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at').notNull().defaultNow(),
    // What the decision did to the live grant: { action, from, status } or { skipped: reason }.
    remediation: jsonb('remediation').notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.itemId],
      foreignColumns: [accessReviewItems.orgId, accessReviewItems.id],
    }),
    index('access_review_decisions_item_idx').on(t.orgId, t.itemId, t.decidedAt),
  ],
);
