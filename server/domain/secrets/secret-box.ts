import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets Vigil must use again (a webhook's signing secret, a Slack bot token, a connector's API
 * token) are sealed with AES-256-GCM (docs/SECURITY.md §Secrets at rest). The associated data
 * binds a sealed value to its organization and purpose, so a value copied into another row or
 * tenant does not open. The key's fingerprint travels with the value, so a rotated-out key is
 * named when it is missing.
 */
const VERSION = 'v1';

export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Parses a 32-byte key given as base64 or 64 hex characters; null when it is not one. */
export function parseSecretsKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : null;
}

export function sealSecret(plaintext: string, key: Buffer, associated: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyFingerprint(key), iv, tag, body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export type OpenResult =
  | { ok: true; plaintext: string }
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'tampered'; fingerprint?: string };

/** Opens with whichever of `keys` sealed the value (the current key, then previous ones). */
export function openSecret(
  sealed: string,
  keys: readonly Buffer[],
  associated: string,
): OpenResult {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [, fingerprint, iv, tag, body] = parts as [string, string, string, string, string];
  const key = keys.find((k) => keyFingerprint(k) === fingerprint);
  if (!key) return { ok: false, reason: 'unknown_key', fingerprint };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
    return { ok: true, plaintext };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}

/** What a screen may show of a secret once stored: its last four characters. */
export function secretHint(plaintext: string): string {
  return plaintext.length <= 8 ? '••••' : `••••${plaintext.slice(-4)}`;
}
