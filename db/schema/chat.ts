import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  CHAT_CONNECTION_STATUSES,
  CHAT_DELIVERY_STATUSES,
  CHAT_KINDS,
  CHAT_MODES,
  CHAT_NOTICE_STATUSES,
} from '@/server/domain/chat/kinds';
import { organizations, users } from './tenancy';

/**
 * An organization's Slack or Microsoft Teams connection (docs/INTEGRATIONS.md §Slack, §Microsoft
 * Teams): one per kind. Tokens, signing secrets and webhook URLs are sealed with the
 * organization's key (`sealOrgSecret`) and only their hints are ever shown. `checkpoint` is the
 * last outbound event sequence handled, so a restart neither loses nor repeats a message.
 */
export const chatConnections = pgTable(
  'chat_connections',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind', { enum: CHAT_KINDS }).notNull(),
    // Slack: `bot` (token, DMs with Approve/Deny) or `webhook` (notify-only); Teams: `webhook`.
    mode: text('mode', { enum: CHAT_MODES }).notNull(),
    // The Slack workspace (team id): how an interaction finds its organization.
    slackTeamId: text('slack_team_id'),
    channelId: text('channel_id'),
    botTokenSealed: text('bot_token_sealed'),
    signingSecretSealed: text('signing_secret_sealed'),
    webhookUrlSealed: text('webhook_url_sealed'),
    botTokenHint: text('bot_token_hint'),
    signingSecretHint: text('signing_secret_hint'),
    webhookUrlHint: text('webhook_url_hint'),
    status: text('status', { enum: CHAT_CONNECTION_STATUSES }).notNull().default('active'),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    lastDeliveredAt: timestamp('last_delivered_at', { withTimezone: true }),
    checkpoint: bigint('checkpoint', { mode: 'number' }).notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('chat_connections_org_kind_key').on(t.orgId, t.kind),
    // One organization per Slack workspace: the interaction endpoint finds it by team id.
    uniqueIndex('chat_connections_slack_team_key')
      .on(t.slackTeamId)
      .where(sql`${t.slackTeamId} is not null`),
  ],
);

/**
 * One message of one event to one recipient (a member's DM, the channel): claimed before it is
 * sent, so a dispatch that runs twice, or retries after one approver's DM failed, sends each
 * message once.
 */
export const chatDeliveries = pgTable(
  'chat_deliveries',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    connectionId: uuid('connection_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    // `channel` or `user:<member id>`.
    target: text('target').notNull(),
    status: text('status', { enum: CHAT_DELIVERY_STATUSES }).notNull(),
    detail: text('detail'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.connectionId, t.seq, t.target] })],
);

/**
 * Notices (review items, digests, failures …) that also go to the member as a Slack DM when the
 * organization connected Slack as a bot (docs/NOTIFICATIONS.md §Slack). Written with the mail in
 * the same transaction; the chat consumer sends them. Approval steps are not here: their DM
 * comes from the `access.step_waiting` event, with buttons.
 */
export const chatNotices = pgTable(
  'chat_notices',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    email: text('email').notNull(),
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    lines: text('lines').array().notNull(),
    link: text('link').notNull(),
    status: text('status', { enum: CHAT_NOTICE_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    detail: text('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('chat_notices_waiting_idx').on(t.orgId, t.status, t.createdAt),
  ],
);
