import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  REDACTED_LABEL,
  hashAuditEntry,
  redactAuditEntry,
  sealAuditEntry,
  verifyAuditChain,
  type AuditEntry,
  type AuditEntryContent,
} from './chain';

const ORG = '00000000-0000-4000-8000-000000000001';

function content(i: number, actorType: AuditEntryContent['actorType']): AuditEntryContent {
  return {
    orgId: ORG,
    seq: i,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    actorType,
    actorId: actorType === 'person' ? 'p-1' : 'u-1',
    actorLabel: actorType === 'person' ? 'erin@acme.test' : 'admin@acme.test',
    action: `thing.${i}`,
    entityType: 'person',
    entityId: 'p-1',
    before: { email: 'erin@acme.test' },
    after: { fullName: 'Erin Example', at: new Date(Date.UTC(2026, 0, 1)) },
    requestId: 'r',
    ip: actorType === 'person' ? '203.0.113.9' : '10.0.0.1',
  };
}

/** Entries 1–2 written before version 2 (whole-entry hash), 3–6 sealed with a payload digest. */
function mixedChain(): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= 6; i++) {
    const c = content(i, i % 2 === 0 ? 'person' : 'user');
    const entry: AuditEntry =
      i <= 2
        ? { ...c, prevHash: prev, hash: hashAuditEntry(c, prev) }
        : { ...c, ...sealAuditEntry(c, prev, `nonce-${i}`), prevHash: prev };
    out.push(entry);
    prev = entry.hash;
  }
  return out;
}

describe('audit chain version 2 and redaction', () => {
  it('verifies a chain mixing entries written before and after version 2', () => {
    const chain = mixedChain();
    expect(verifyAuditChain(chain)).toEqual({ ok: true, entries: 6, headHash: chain[5]!.hash });
  });

  it('still verifies once personal payloads are redacted, keeping the digest and hash', () => {
    const chain = mixedChain().map((e) => (e.seq >= 3 ? redactAuditEntry(e) : e));
    expect(verifyAuditChain(chain).ok).toBe(true);
    const person = chain[3]!;
    expect(person).toMatchObject({
      before: null,
      after: null,
      actorLabel: REDACTED_LABEL,
      ip: null,
      payloadNonce: null,
      redacted: true,
    });
    // A member's label and address are not the erased person's: they stay.
    expect(chain[2]).toMatchObject({ actorLabel: 'admin@acme.test', ip: '10.0.0.1' });
    expect(JSON.stringify(chain.slice(2))).not.toContain('erin@acme.test');
  });

  it('detects an altered payload, and an altered kept field of a redacted entry', () => {
    const payload = mixedChain();
    payload[3] = { ...payload[3]!, after: { fullName: 'Someone Else' } };
    expect(verifyAuditChain(payload)).toMatchObject({
      ok: false,
      brokenAt: { seq: 4 },
      reason: expect.stringMatching(/payload does not match/),
    });
    const kept = mixedChain().map((e) => (e.seq >= 3 ? redactAuditEntry(e) : e));
    kept[4] = { ...kept[4]!, action: 'forged' };
    expect(verifyAuditChain(kept)).toMatchObject({ ok: false, brokenAt: { seq: 5 } });
    const label = mixedChain().map((e) => (e.seq >= 3 ? redactAuditEntry(e) : e));
    label[2] = { ...label[2]!, actorLabel: 'mallory@acme.test' };
    expect(verifyAuditChain(label)).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
  });

  it('checks a redacted entry from before version 2 only for its place in the chain', () => {
    const chain = mixedChain();
    chain[1] = redactAuditEntry(chain[1]!);
    expect(chain[1]!.payloadDigest).toBeUndefined();
    expect(verifyAuditChain(chain).ok).toBe(true);
    // Removing it still breaks the chain.
    chain.splice(1, 1);
    expect(verifyAuditChain(chain)).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
  });

  it('hides the payload: the digest depends on the nonce', () => {
    const c = content(3, 'user');
    expect(sealAuditEntry(c, GENESIS_HASH, 'a').payloadDigest).not.toBe(
      sealAuditEntry(c, GENESIS_HASH, 'b').payloadDigest,
    );
  });
});
