import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`
 * (docs/INTEGRATIONS.md §Webhooks). The timestamp is signed with the body, so a receiver that
 * refuses old timestamps refuses replays.
 */
export const SIGNATURE_HEADER = 'Vigil-Signature';
/** How old a signature a receiver should accept (and how far in the future). */
export const REPLAY_WINDOW_SECONDS = 300;
export const SECRET_PREFIX = 'whsec_';

export function signatureV1(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureV1(secret, timestamp, body)}`;
}

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/** What a receiver does: parse, check the window, compare in constant time. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
): SignatureCheck {
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - t) > REPLAY_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signatureV1(secret, t, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'))
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}
