import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { generateToken, sha256Hex } from '../auth/secrets';

/**
 * Signing links (docs/PRODUCT.md §Signing links): each request gets a random token that
 * is single-use and expiring; only its SHA-256 is stored, so a database reader cannot sign.
 */
export const SIGNING_GRACE_DAYS = 14;
const DAY_MS = 86_400_000;

/** A link stays usable until the due date plus a grace period (reminders go out after it). */
export function signingTokenExpiry(dueAt: Date, graceDays = SIGNING_GRACE_DAYS): Date {
  return new Date(dueAt.getTime() + graceDays * DAY_MS);
}

/** A signing link as presented; anything else is refused before any lookup. */
export const signingTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not valid. Use the latest link you were sent.');

export function newSigningToken(): { token: string; hash: string } {
  return generateToken();
}

export type SigningTokenCheck =
  { ok: true } | { ok: false; reason: 'invalid' | 'expired' | 'used' | 'withdrawn' };

export interface StoredSigningToken {
  tokenHash: string;
  expiresAt: Date;
  /** Set when the link was used (signed or declined): single use. */
  usedAt: Date | null;
  /** A campaign closed or the request cancelled. */
  withdrawn: boolean;
}

/** Whether a presented token opens this request now; the reason when it does not. */
export function checkSigningToken(
  stored: StoredSigningToken,
  presented: string,
  now: Date,
): SigningTokenCheck {
  const a = Buffer.from(sha256Hex(presented), 'hex');
  const b = Buffer.from(stored.tokenHash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'invalid' };
  if (stored.usedAt) return { ok: false, reason: 'used' };
  if (stored.withdrawn) return { ok: false, reason: 'withdrawn' };
  if (now.getTime() >= stored.expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}

export const SIGNING_TOKEN_MESSAGES: Record<
  Exclude<SigningTokenCheck, { ok: true }>['reason'],
  string
> = {
  invalid: 'This link is not valid. Use the latest link you were sent.',
  expired: 'This link has expired. Ask compliance to send you a new one.',
  used: 'This form has already been completed with this link.',
  withdrawn: 'This request was withdrawn. Nothing more is needed from you.',
};
