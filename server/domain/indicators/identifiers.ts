import { createHash } from 'node:crypto';
import { WORK_ACCOUNT_KINDS, type IdentifierKind } from '../inventory/identifiers';

// docs/IMPOSTORS.md §Normalization and hashing: both parties normalize an identifier with
// `normalizeIdentifier` (server/domain/inventory/identifiers.ts), then hash the UTF-8 bytes of the
// normalized value alone (not the kind) with SHA-256, written as 64 lower-case hex digits.

/** Watchlist identifiers received hashed are stored as `sha256:<hex>` under their kind. */
export const HASHED_PREFIX = 'sha256:';

export const sha256OfValue = (normalized: string): string =>
  createHash('sha256').update(normalized, 'utf8').digest('hex');

export const hashedValue = (normalized: string): string =>
  `${HASHED_PREFIX}${sha256OfValue(normalized)}`;

export const isHashedValue = (value: string): boolean =>
  value.startsWith(HASHED_PREFIX) && /^[0-9a-f]{64}$/.test(value.slice(HASHED_PREFIX.length));

/**
 * The kinds Vigil shares: everything but the organization's own work accounts, which name an
 * account in its tenant and mean nothing to anyone else.
 */
export function isShareableKind(kind: string): kind is IdentifierKind {
  return !(WORK_ACCOUNT_KINDS as readonly string[]).includes(kind);
}
