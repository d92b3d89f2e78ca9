import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// API keys: `vgl_<prefix>_<secret>`. The prefix finds the row; only SHA-256 of the whole key is
// stored (the secret has 256 bits of entropy, so a slow hash adds nothing).
const KEY_PATTERN = /^vgl_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

// `scim`: the SCIM 2.0 provisioning endpoint (docs/SCIM.md), which creates and ends people;
// `taxii`: the read-only TAXII 2.1 collection of shared indicators (docs/IMPOSTORS.md §Sharing).
export const API_KEY_SCOPES = ['ingest', 'read', 'scim', 'taxii'] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  const key = `vgl_${prefix}_${secret}`;
  return { key, prefix, hash: sha256Hex(key) };
}

export function parseApiKey(key: string): { prefix: string } | null {
  const match = KEY_PATTERN.exec(key.trim());
  return match ? { prefix: match[1]! } : null;
}

export function secretMatches(candidate: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(candidate), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Single-use tokens (invitations, later attestation links): random, stored hashed. */
export function generateToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}
