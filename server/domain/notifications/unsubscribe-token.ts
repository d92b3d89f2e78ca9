import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from './categories';

// docs/NOTIFICATIONS.md §Unsubscribe links: a signed, single-purpose token naming one member of
// one organization and one category. The key is derived from the app secret for this purpose
// alone, so no other signature of the app (sessions, webhooks) verifies as one of these.
const PURPOSE = 'vigil:notification-unsubscribe:v1';
const VERSION = 'u1';
/** Links in old mail keep working this long; after it, the member signs in instead. */
export const UNSUBSCRIBE_TOKEN_DAYS = 180;
const DAY_MS = 86_400_000;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN_PATTERN = new RegExp(
  `^${VERSION}\\.(${UUID})\\.(${UUID})\\.([a-z_]{1,40})\\.(\\d{1,6})\\.([A-Za-z0-9_-]{43})$`,
);
/** The longest well-formed token, for input schemas. */
export const UNSUBSCRIBE_TOKEN_MAX = 200;

export interface UnsubscribeClaims {
  orgId: string;
  userId: string;
  category: NotificationCategory;
}

export type UnsubscribeCheck =
  | { ok: true; claims: UnsubscribeClaims; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

function signature(secret: string, payload: string): Buffer {
  const key = createHmac('sha256', secret).update(PURPOSE).digest();
  return createHmac('sha256', key).update(payload).digest();
}

/** `u1.<org>.<user>.<category>.<expiry day>.<HMAC-SHA256>`, URL-safe. */
export function signUnsubscribeToken(secret: string, claims: UnsubscribeClaims, now: Date): string {
  const expiryDay = Math.floor(now.getTime() / DAY_MS) + UNSUBSCRIBE_TOKEN_DAYS;
  const payload = [VERSION, claims.orgId, claims.userId, claims.category, expiryDay].join('.');
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** Malformed (not one of ours), forged (signature does not match) or expired, else the claims. */
export function verifyUnsubscribeToken(secret: string, token: string, now: Date): UnsubscribeCheck {
  const m = TOKEN_PATTERN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, orgId, userId, category, expiryDay, sig] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!(NOTIFICATION_CATEGORIES as readonly string[]).includes(category))
    return { ok: false, reason: 'malformed' };
  const payload = token.slice(0, token.length - sig.length - 1);
  const expected = signature(secret, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  const expiresAt = new Date(Number(expiryDay) * DAY_MS);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: { orgId, userId, category: category as NotificationCategory },
    expiresAt,
  };
}
