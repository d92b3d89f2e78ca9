import { sql } from 'drizzle-orm';
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
import { CAMPAIGN_STATUSES, REQUEST_STATUSES } from '@/server/domain/attestations/campaign';
import { people } from './inventory';
import { organizations, users } from './tenancy';

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id);

/**
 * An organization's attestation templates (docs/PRODUCT.md §Attestation templates): seeded from
 * the shipped defaults (`key` names which), editable; every edit bumps `version`.
 */
export const attestationTemplates = pgTable(
  'attestation_templates',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    key: text('key'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    questions: jsonb('questions').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('attestation_templates_key')
      .on(t.orgId, t.key)
      .where(sql`key is not null`),
  ],
);

/** A template sent to an audience with a due date; the template is snapshotted at launch. */
export const attestationCampaigns = pgTable(
  'attestation_campaigns',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    templateId: uuid('template_id').notNull(),
    templateKey: text('template_key'),
    templateVersion: integer('template_version').notNull(),
    // Title, body and questions exactly as launched: later edits do not change what people sign.
    template: jsonb('template').notNull(),
    audience: jsonb('audience').notNull(),
    audienceLabel: text('audience_label').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('active'),
    // People in the audience who got no request, and why (reported at launch).
    skipped: jsonb('skipped').notNull().default([]),
    launchedBy: uuid('launched_by').references(() => users.id),
    launchedAt: timestamp('launched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.templateId],
      foreignColumns: [attestationTemplates.orgId, attestationTemplates.id],
    }),
    index('attestation_campaigns_recent_idx').on(t.orgId, t.launchedAt),
  ],
);

/**
 * One person's request: only the SHA-256 of the signing token is stored
 * (docs/SECURITY.md §Secrets); once answered, the canonical document shown and answered and its
 * SHA-256.
 */
export const attestationRequests = pgTable(
  'attestation_requests',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    personId: uuid('person_id').notNull(),
    recipientEmail: text('recipient_email').notNull(),
    tokenHash: text('token_hash').notNull(),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }).notNull(),
    tokenUsedAt: timestamp('token_used_at', { withTimezone: true }),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('pending'),
    answers: jsonb('answers'),
    typedSignature: text('typed_signature'),
    declineReason: text('decline_reason'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    signerIp: text('signer_ip'),
    signerUserAgent: text('signer_user_agent'),
    signedDocument: text('signed_document'),
    signedSha256: text('signed_sha256'),
    disclosures: integer('disclosures').notNull().default(0),
    remindersSent: text('reminders_sent')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.campaignId],
      foreignColumns: [attestationCampaigns.orgId, attestationCampaigns.id],
    }),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }),
    uniqueIndex('attestation_requests_person_key').on(t.orgId, t.campaignId, t.personId),
    // The signing page finds a request by its token before any tenant is known.
    uniqueIndex('attestation_requests_token_key').on(t.tokenHash),
    index('attestation_requests_person_idx').on(t.orgId, t.personId),
    index('attestation_requests_open_idx')
      .on(t.orgId, t.status)
      .where(sql`status in ('pending', 'overdue')`),
  ],
);
