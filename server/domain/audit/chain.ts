import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

/** What an erased actor's label reads after redaction (docs/PRIVACY.md §Erasure). */
export const REDACTED_LABEL = '[erased]';

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
  // Version 2 (docs/SECURITY.md §Audit chain): the hash covers the personal payload through this
  // salted digest, so erasure can drop the payload and its nonce and the chain still verifies.
  // Absent or null on entries written before version 2.
  payloadDigest?: string | null;
  payloadNonce?: string | null;
  redacted?: boolean;
}

export interface AuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

/** JSON as it will read back from jsonb: dates become strings, undefined disappears. */
export function toStoredJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('audit entry cannot be canonicalized');
  return text;
}

/** Someone acting through a signing link: their label (an email) and IP are personal too. */
function labelIsPersonal(c: Pick<AuditEntryContent, 'actorType'>): boolean {
  return c.actorType === 'person';
}

/** The fields erasure may remove: before/after, and a person actor's label and IP. */
export function personalPayload(c: AuditEntryContent): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    before: toStoredJson(c.before),
    after: toStoredJson(c.after),
  };
  if (labelIsPersonal(c)) {
    payload.actorLabel = c.actorLabel;
    payload.ip = c.ip;
  }
  return payload;
}

/** SHA-256 over the nonce and the personal payload: a hiding commitment once the nonce is gone. */
export function digestPayload(c: AuditEntryContent, nonce: string): string {
  return sha256(canonical({ nonce, ...personalPayload(c) }));
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the entry and the previous hash
 * (docs/SECURITY.md §Audit chain). Version 1 hashes the whole entry; version 2 hashes the entry
 * with its personal payload replaced by the payload's digest.
 */
export function hashAuditEntry(content: AuditEntryContent, prevHash: string): string {
  const { payloadDigest, payloadNonce: _n, redacted: _r, ...fields } = content;
  if (!payloadDigest) {
    return sha256(
      canonical({
        ...fields,
        before: toStoredJson(fields.before),
        after: toStoredJson(fields.after),
        prevHash,
      }),
    );
  }
  const { before: _b, after: _a, ...rest } = fields;
  const kept: Record<string, unknown> = { ...rest };
  if (labelIsPersonal(fields)) {
    delete kept.actorLabel;
    delete kept.ip;
  }
  return sha256(canonical({ ...kept, payloadDigest, prevHash }));
}

/** A new entry's version-2 digest and hash. */
export function sealAuditEntry(
  content: AuditEntryContent,
  prevHash: string,
  nonce: string,
): { payloadDigest: string; payloadNonce: string; hash: string } {
  const payloadDigest = digestPayload(content, nonce);
  return {
    payloadDigest,
    payloadNonce: nonce,
    hash: hashAuditEntry({ ...content, payloadDigest }, prevHash),
  };
}

/** The entry as erasure leaves it: the personal payload and its nonce gone, the digest kept. */
export function redactAuditEntry<T extends AuditEntryContent>(entry: T): T {
  const personal = labelIsPersonal(entry);
  return {
    ...entry,
    before: null,
    after: null,
    actorLabel: personal ? REDACTED_LABEL : entry.actorLabel,
    ip: personal ? null : entry.ip,
    payloadNonce: null,
    redacted: true,
  };
}

/**
 * What is wrong with one entry on its own, or null. A redacted version-2 entry is checked
 * through its stored digest; a redacted version-1 entry (erased before version 2 existed) can
 * only be checked for its place in the chain, which verifyAuditChain does.
 */
export function auditEntryProblem(entry: AuditEntry): string | null {
  const { prevHash, hash, ...content } = entry;
  if (entry.redacted && !entry.payloadDigest) return null;
  if (entry.payloadDigest && !entry.redacted) {
    if (!entry.payloadNonce || digestPayload(content, entry.payloadNonce) !== entry.payloadDigest)
      return 'payload does not match its digest (altered)';
  }
  if (hashAuditEntry(content, prevHash) !== hash)
    return 'hash does not match the entry contents (altered)';
  return null;
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
    const problem = auditEntryProblem(entry);
    if (problem) return { ok: false, entries: count, brokenAt: at, reason: problem };
    prevHash = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: count, headHash: prevHash };
}
