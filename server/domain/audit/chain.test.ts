import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  hashAuditEntry,
  verifyAuditChain,
  type AuditEntry,
  type AuditEntryContent,
} from './chain';

function buildChain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditEntryContent = {
      orgId: '00000000-0000-4000-8000-000000000001',
      seq: i,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorType: 'user',
      actorId: 'u1',
      actorLabel: 'a@x.test',
      action: `thing.${i}`,
      entityType: 'thing',
      entityId: String(i),
      before: i > 1 ? { n: i - 1 } : null,
      after: { n: i, tags: ['a', 'b'] },
      requestId: 'r',
      ip: '10.0.0.1',
    };
    const hash = hashAuditEntry(content, prev);
    entries.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe('audit chain', () => {
  it('verifies an intact chain and reports its head', () => {
    const chain = buildChain(5);
    expect(verifyAuditChain(chain)).toEqual({ ok: true, entries: 5, headHash: chain[4]!.hash });
  });

  it('hashes independently of key order (canonical JSON)', () => {
    const [entry] = buildChain(1);
    const { prevHash, hash: _hash, ...content } = entry!;
    const reordered = Object.fromEntries(
      Object.entries(content).reverse(),
    ) as unknown as AuditEntryContent;
    expect(hashAuditEntry(reordered, prevHash)).toBe(entry!.hash);
  });

  it.each([
    ['action', (e: AuditEntry) => ({ ...e, action: 'other' })],
    ['actor', (e: AuditEntry) => ({ ...e, actorLabel: 'mallory@x.test' })],
    ['after value', (e: AuditEntry) => ({ ...e, after: { n: 999, tags: ['a', 'b'] } })],
    ['time', (e: AuditEntry) => ({ ...e, occurredAt: new Date(0).toISOString() })],
  ])('names the first altered entry when the %s changes', (_label, alter) => {
    const chain = buildChain(5);
    chain[2] = alter(chain[2]!);
    const result = verifyAuditChain(chain);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.brokenAt.seq).toBe(3);
      expect(result.reason).toMatch(/altered/);
    }
  });

  it('detects a deleted entry', () => {
    const chain = buildChain(5);
    chain.splice(1, 1);
    const result = verifyAuditChain(chain);
    expect(result).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
  });

  it('detects a rehashed entry because the next link breaks', () => {
    const chain = buildChain(4);
    const { prevHash, hash: _h, ...content } = chain[1]!;
    const forged = { ...content, action: 'forged' };
    chain[1] = { ...forged, prevHash, hash: hashAuditEntry(forged, prevHash) };
    const result = verifyAuditChain(chain);
    expect(result).toMatchObject({
      ok: false,
      brokenAt: { seq: 3 },
      reason: expect.stringMatching(/prev_hash/),
    });
  });

  it('verifies a segment from the hash that preceded it', () => {
    const chain = buildChain(6);
    expect(verifyAuditChain(chain.slice(3), chain[2]!.hash, 4)).toMatchObject({
      ok: true,
      entries: 3,
    });
  });

  it('any single-character change to an action is detected (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        (index, text) => {
          const chain = buildChain(5);
          fc.pre(chain[index]!.action !== text);
          chain[index] = { ...chain[index]!, action: text };
          const result = verifyAuditChain(chain);
          return !result.ok && result.brokenAt.seq === index + 1;
        },
      ),
      { numRuns: 100 },
    );
  });
});
