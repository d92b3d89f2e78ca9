import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signatureHeader, verifySignature } from './signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret-of-some-length';
  const body = '{"id":"e1","type":"case.opened"}';

  it('signs t + "." + body with HMAC-SHA256, hex', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader(secret, 1700000000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies within five minutes and refuses stale, altered or malformed ones', () => {
    const header = signatureHeader(secret, 1700000000, body);
    expect(verifySignature(secret, header, body, 1700000000 + 299)).toEqual({ ok: true });
    expect(verifySignature(secret, header, body, 1700000000 + 301)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifySignature(secret, header, `${body} `, 1700000000)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature('whsec_other', header, body, 1700000000)).toMatchObject({ ok: false });
    expect(verifySignature(secret, 't=abc,v1=00', body, 1700000000)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
