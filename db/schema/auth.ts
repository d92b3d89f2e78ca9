import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './tenancy';

// Sign-in throttling buckets keyed by ip or email; global (sign-in happens before a tenant is known).
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull(),
});

// One row per signed-in browser session. The JWT carries its id, every request checks it, and
// signing out revokes it, so a copied cookie stops working at sign-out, not at expiry.
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    // `complete`, or waiting for the second factor / a required enrolment: only a complete
    // session resolves for pages, procedures and downloads (docs/SECURITY.md §Authentication).
    mfaState: text('mfa_state').notNull().default('complete'),
    // The WebAuthn challenge this browser was last given (registration or sign-in), single use.
    webauthnChallenge: text('webauthn_challenge'),
    webauthnChallengeExpiresAt: timestamp('webauthn_challenge_expires_at', { withTimezone: true }),
    // How the session was opened; requiring SSO revokes the password ones (docs/SECURITY.md).
    method: text('method', { enum: ['password', 'oidc', 'saml'] })
      .notNull()
      .default('password'),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

// SAML AuthnRequest ids Vigil sent, so a response is accepted only in reply to one of them and
// only once (InResponseTo); consulted before anyone is signed in.
export const samlRequests = pgTable('saml_requests', {
  id: text('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
});

// One-time tickets the SAML ACS mints after validating an assertion; the browser redeems one
// through next-auth's `saml` provider to get the same session as every other sign-in. Only the
// hash is stored.
export const ssoTickets = pgTable('sso_tickets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  // The organization the session opens (not tenant data: the table is read before any tenant).
  signInOrgId: uuid('sign_in_org_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
});
