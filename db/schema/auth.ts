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
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);
