import { describe, expect, it } from 'vitest';
import {
  anchorKeyFromSeed,
  anchorSignatureValid,
  checkAnchors,
  deriveAnchorSeed,
  signAuditHead,
  type AuditHead,
} from './anchor';

const key = anchorKeyFromSeed(Buffer.alloc(32, 7));
const otherKey = anchorKeyFromSeed(Buffer.alloc(32, 8));
const ORG = '0b7c8f2e-4a7d-4c39-9a43-1f0f6c1e2a11';
const OTHER_ORG = '5d2a1c3b-8e4f-4b6a-9c7d-2e1f0a9b8c7d';
const hash = (n: number) => n.toString(16).padStart(64, '0');
const head = (seq: number, orgId = ORG): AuditHead => ({
  orgId,
  orgSlug: orgId === ORG ? 'acme' : 'other',
  seq,
  hash: hash(seq),
  at: `2026-12-0${Math.min(seq, 9)}T00:00:00.000Z`,
});
const line = (h: AuditHead, k = key) => JSON.stringify(signAuditHead(h, k));
const chain = (last: number) =>
  new Map(Array.from({ length: last }, (_, i) => [i + 1, hash(i + 1)] as const));

describe('anchor signing', () => {
  it('verifies with the pinned key only, and not once a field changes', () => {
    const signed = signAuditHead(head(5), key);
    expect(anchorSignatureValid(signed, key)).toBe(true);
    expect(anchorSignatureValid(signed, otherKey)).toBe(false);
    expect(anchorSignatureValid({ ...signed, seq: 4 }, key)).toBe(false);
    expect(anchorSignatureValid({ ...signed, hash: hash(99) }, key)).toBe(false);
    // Re-signed with another key and carrying that key: still not this deployment's anchor.
    expect(anchorSignatureValid(signAuditHead(head(5), otherKey), key)).toBe(false);
  });

  it('derives a stable key from the secrets key, different from the key itself', () => {
    const secrets = Buffer.alloc(32, 1);
    const a = anchorKeyFromSeed(deriveAnchorSeed(secrets));
    const b = anchorKeyFromSeed(deriveAnchorSeed(secrets));
    expect(a.keyId).toBe(b.keyId);
    expect(deriveAnchorSeed(secrets).equals(secrets)).toBe(false);
    expect(a.keyId).not.toBe(anchorKeyFromSeed(deriveAnchorSeed(Buffer.alloc(32, 2))).keyId);
  });
});

describe('checkAnchors', () => {
  it('passes a chain that still holds every anchored head', () => {
    const result = checkAnchors([line(head(3)), line(head(7)), ''], ORG, key, { seq: 9 }, chain(9));
    expect(result).toEqual({
      ok: true,
      anchors: 2,
      latest: { seq: 7, at: head(7).at },
      problems: [],
    });
  });

  it('finds a truncated tail: the anchored head is past the chain end', () => {
    const result = checkAnchors([line(head(3)), line(head(7))], ORG, key, { seq: 5 }, chain(5));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 2,
        kind: 'truncated',
        message: expect.stringMatching(/#7.*ends at #5/),
      }),
    ]);
  });

  it('finds a rewritten chain: the anchored seq holds another hash', () => {
    const rewritten = chain(9);
    rewritten.set(7, hash(1234));
    const result = checkAnchors([line(head(7))], ORG, key, { seq: 9 }, rewritten);
    expect(result.problems.map((p) => p.kind)).toEqual(['rewritten']);
  });

  it('finds a forged anchor, a malformed line, another organization and an empty file', () => {
    const forged = JSON.stringify({ ...signAuditHead(head(9), key), seq: 4 });
    const result = checkAnchors(
      [forged, 'not json', line(head(2, OTHER_ORG)), line(head(9), otherKey)],
      ORG,
      key,
      { seq: 9 },
      chain(9),
    );
    expect(result.problems.map((p) => [p.line, p.kind])).toEqual([
      [1, 'forged'],
      [2, 'malformed'],
      [3, 'other_organization'],
      [4, 'forged'],
    ]);
    expect(checkAnchors([], ORG, key, { seq: 0 }, new Map()).problems[0]?.kind).toBe('empty');
  });
});
