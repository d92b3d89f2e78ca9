import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../auth/secrets';
import { DEFAULT_TEMPLATES } from './default-templates';
import {
  hashSignedAttestation,
  signedAttestationJson,
  typedSignatureMatches,
  type SignedAttestation,
} from './signed-document';
import { checkSigningToken, newSigningToken, signingTokenExpiry } from './signing-token';

const due = new Date('2026-12-01T00:00:00Z');

describe('signing tokens', () => {
  const { token, hash } = newSigningToken();
  const stored = {
    tokenHash: hash,
    expiresAt: signingTokenExpiry(due),
    usedAt: null,
    withdrawn: false,
  };

  it('stores only a hash and opens with the token until it expires', () => {
    expect(hash).toBe(sha256Hex(token));
    expect(hash).not.toContain(token);
    expect(stored.expiresAt.toISOString()).toBe('2026-12-15T00:00:00.000Z');
    expect(checkSigningToken(stored, token, new Date('2026-12-14T23:59:59Z'))).toEqual({
      ok: true,
    });
    expect(checkSigningToken(stored, token, new Date('2026-12-15T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('is single use, refuses a wrong or withdrawn token', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    expect(checkSigningToken({ ...stored, usedAt: now }, token, now)).toEqual({
      ok: false,
      reason: 'used',
    });
    expect(checkSigningToken(stored, `${token}x`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkSigningToken(stored, '', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkSigningToken({ ...stored, withdrawn: true }, token, now)).toEqual({
      ok: false,
      reason: 'withdrawn',
    });
    expect(newSigningToken().token).not.toBe(token);
  });
});

describe('the hash of a signed attestation', () => {
  const doc: SignedAttestation = {
    requestId: 'req-1',
    template: DEFAULT_TEMPLATES.anti_bribery,
    signer: { name: 'Jun Reyes', email: 'jun@manila-support.example' },
    answers: { read_policy: 'yes', approached: 'no', offered: 'no' },
    typedSignature: 'Jun Reyes',
    signedAt: '2026-11-24T10:00:00.000Z',
  };

  it('is SHA-256 over canonical JSON, independent of key order', () => {
    const h = hashSignedAttestation(doc);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(sha256Hex(signedAttestationJson(doc)));
    const reordered = { ...doc, answers: { offered: 'no', approached: 'no', read_policy: 'yes' } };
    expect(hashSignedAttestation(reordered)).toBe(h);
  });

  it('changes when anything shown or answered changes', () => {
    const h = hashSignedAttestation(doc);
    expect(hashSignedAttestation({ ...doc, answers: { ...doc.answers, offered: 'yes' } })).not.toBe(
      h,
    );
    expect(
      hashSignedAttestation({
        ...doc,
        template: { ...doc.template, body: `${doc.template.body} ` },
      }),
    ).not.toBe(h);
    expect(hashSignedAttestation({ ...doc, signedAt: '2026-11-24T10:00:01.000Z' })).not.toBe(h);
  });

  it('needs the typed signature to be the signer’s name', () => {
    expect(typedSignatureMatches('  jun   reyes ', 'Jun Reyes')).toBe(true);
    expect(typedSignatureMatches('JR', 'Jun Reyes')).toBe(false);
    expect(typedSignatureMatches('', '')).toBe(false);
  });
});
