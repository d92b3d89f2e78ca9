import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
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

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  // Validated by server/domain/tenancy/settings.ts; defaults fill any missing key.
  settings: jsonb('settings')
    .notNull()
    .default(sql`'{}'::jsonb`),
  // Retention limits in months (server/domain/retention/settings.ts, docs/PRIVACY.md §Retention);
  // apart from settings so the organization form never overwrites them.
  retention: jsonb('retention')
    .notNull()
    .default(sql`'{}'::jsonb`),
  // Who must use a second factor: none | admins | all (server/domain/mfa/policy.ts). A column,
  // not a settings key, so saving the settings form can never reset it.
  mfaPolicy: text('mfa_policy').notNull().default('none'),
  // Require single sign-on for every member except one named break-glass admin, whose password
  // still works when the identity provider is down (docs/SECURITY.md §Require SSO).
  ssoRequired: boolean('sso_required').notNull().default(false),
  ssoBreakGlassUserId: uuid('sso_break_glass_user_id').references((): AnyPgColumn => users.id),
  // The key pseudonyms are derived with (docs/PRIVACY.md §Pseudonymized investigation): 256 bits
  // from two random UUIDs, so existing organizations get one in the migration too. Never sent to a
  // browser: getOrganization names the columns it returns.
  pseudonymKey: text('pseudonym_key')
    .notNull()
    .default(
      sql`replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')`,
    ),
  createdAt: createdAt(),
});

// A login identity; not a tenant table (one user may belong to several organizations).
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    // Set only when someone other than the account's creator vouched for the email (the operator
    // through the CLI). SSO links only to such accounts: an invitation link is seen by the
    // inviter too, so an account made from one proves nothing about who owns the address.
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    // Bumped when credentials change so existing sessions stop working.
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const memberships = pgTable(
  'memberships',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ['admin', 'compliance', 'manager', 'auditor'] }).notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    // Sign-in opens the organization used last, never the first by name: another tenant's
    // admin chooses their organization's name (docs/SECURITY.md §Authentication).
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    // May reveal a pseudonymized person with a reason; admins grant it, separate from the role
    // (docs/PRIVACY.md §Pseudonymized investigation).
    canReveal: boolean('can_reveal').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    role: text('role', { enum: ['admin', 'compliance', 'manager', 'auditor'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    // Public part of the key, shown in lists and used to find the row before the hash check.
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
  ],
);
