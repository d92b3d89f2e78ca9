import { sql } from 'drizzle-orm';
import {
  customType,
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
import { REVIEW_DECISIONS, REVIEW_KINDS } from '@/server/domain/vendor-reviews/cadence';
import {
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  REVIEW_SOURCES,
  REVIEW_STATUSES,
} from '@/server/domain/vendor-reviews/review';
import { vendors } from './inventory';
import { organizations, users } from './tenancy';

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** The organization's vendor review questionnaire (default set until someone edits it). */
export const vendorReviewQuestionnaires = pgTable('vendor_review_questionnaires', {
  orgId: orgId().primaryKey(),
  questions: jsonb('questions').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One review of a vendor (docs/PRODUCT.md §Vendor reviews); it keeps the questions it asked. */
export const vendorReviews = pgTable(
  'vendor_reviews',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    vendorId: uuid('vendor_id').notNull(),
    kind: text('kind', { enum: REVIEW_KINDS }).notNull(),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('in_progress'),
    source: text('source', { enum: REVIEW_SOURCES }).notNull().default('manual'),
    questions: jsonb('questions').notNull(),
    answers: jsonb('answers').notNull().default({}),
    // Everyone who saved answers or evidence: none of them may decide (reviewer ≠ approver).
    answeredBy: uuid('answered_by')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    reviewerUserId: uuid('reviewer_user_id').references(() => users.id),
    dueOn: date('due_on'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approverUserId: uuid('approver_user_id').references(() => users.id),
    decision: text('decision', { enum: REVIEW_DECISIONS }),
    conditions: text('conditions'),
    rationale: text('rationale'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.vendorId], foreignColumns: [vendors.orgId, vendors.id] }),
    // One open review per vendor: the scheduler's dedupe and a guard against double starts.
    uniqueIndex('vendor_reviews_one_open_key')
      .on(t.orgId, t.vendorId)
      .where(sql`status <> 'decided'`),
    index('vendor_reviews_vendor_idx').on(t.orgId, t.vendorId, t.createdAt),
    index('vendor_reviews_status_idx').on(t.orgId, t.status, t.dueOn),
  ],
);

/**
 * Evidence attached to a review: bytes in `content` by default, or a file under
 * VIGIL_EVIDENCE_DIR named by `storage_key`. The SHA-256 is of the bytes as uploaded.
 */
export const vendorReviewEvidence = pgTable(
  'vendor_review_evidence',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    reviewId: uuid('review_id').notNull(),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    storage: text('storage', { enum: ['database', 'folder'] }).notNull(),
    content: bytea('content'),
    storageKey: text('storage_key'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.reviewId],
      foreignColumns: [vendorReviews.orgId, vendorReviews.id],
    }),
    index('vendor_review_evidence_review_idx').on(t.orgId, t.reviewId, t.uploadedAt),
  ],
);

/** A finding with its remediation task; its history is in the audit log. */
export const vendorReviewFindings = pgTable(
  'vendor_review_findings',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    reviewId: uuid('review_id').notNull(),
    vendorId: uuid('vendor_id').notNull(),
    title: text('title').notNull(),
    severity: text('severity', { enum: FINDING_SEVERITIES }).notNull(),
    remediation: text('remediation').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    dueOn: date('due_on'),
    status: text('status', { enum: FINDING_STATUSES }).notNull().default('open'),
    statusNote: text('status_note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.reviewId],
      foreignColumns: [vendorReviews.orgId, vendorReviews.id],
    }),
    foreignKey({ columns: [t.orgId, t.vendorId], foreignColumns: [vendors.orgId, vendors.id] }),
    index('vendor_review_findings_vendor_idx').on(t.orgId, t.vendorId, t.status),
    index('vendor_review_findings_review_idx').on(t.orgId, t.reviewId),
  ],
);
