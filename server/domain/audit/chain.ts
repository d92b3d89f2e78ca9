import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an audit entry's hash covers: everything but the hash itself. */
export interface AuditEntryContent {
  orgId: string;
  seq: number;
  id: string;
  occurredAt: string; // ISO 8601, millisecond precision
  // `person`: someone under review acting through a signing link, not a Vigil user.
  actorType: 'user' | 'api_key' | 'system' | 'anonymous' | 'person';
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

/** JSON as it will read back from jsonb: dates become strings, undefined disappears. */
export function toStoredJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the entry and the previous hash
 * (docs/SECURITY.md §Audit chain).
 */
export function hashAuditEntry(content: AuditEntryContent, prevHash: string): string {
  const canonical = canonicalize({
    ...content,
    before: toStoredJson(content.before),
    after: toStoredJson(content.after),
    prevHash,
  });
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalized');
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainVerification =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAt: { seq: number; id: string }; reason: string };

/**
 * Recomputes a chain in seq order. `startPrevHash` lets a segment (e.g. an evidence package's
 * period) be verified from the hash that preceded it.
 */
export function verifyAuditChain(
  entries: Iterable<AuditEntry>,
  startPrevHash: string = GENESIS_HASH,
  startSeq = 1,
): ChainVerification {
  let prevHash = startPrevHash;
  let expectedSeq = startSeq;
  let count = 0;
  for (const entry of entries) {
    count += 1;
    const at = { seq: entry.seq, id: entry.id };
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        entries: count,
        brokenAt: at,
        reason: `expected seq ${expectedSeq}, found ${entry.seq} (an entry is missing or reordered)`,
      };
    }
    if (entry.prevHash !== prevHash) {
      return {
        ok: false,
        entries: count,
        brokenAt: at,
        reason: 'prev_hash does not match the previous entry',
      };
    }
    const { prevHash: _p, hash, ...content } = entry;
    if (hashAuditEntry(content, prevHash) !== hash) {
      return {
        ok: false,
        entries: count,
        brokenAt: at,
        reason: 'hash does not match the entry contents (altered)',
      };
    }
    prevHash = hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: count, headHash: prevHash };
}
