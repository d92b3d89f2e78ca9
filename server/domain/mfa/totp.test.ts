import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpCodeAt, totpStepAt, totpUri } from './totp';

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890" in base32, 8-digit vectors end in
// these six digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors', () => {
    expect(totpCodeAt(RFC_SECRET, 59)).toBe('287082');
    expect(totpCodeAt(RFC_SECRET, 1111111109)).toBe('081804');
    expect(totpCodeAt(RFC_SECRET, 1234567890)).toBe('005924');
  });

  it('accepts the current code and one step either side, not two', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015;
    const step = totpStepAt(now);
    expect(checkTotp(secret, totpCodeAt(secret, now), now, null)).toEqual({ ok: true, step });
    expect(checkTotp(secret, totpCodeAt(secret, now - 30), now, null)).toEqual({
      ok: true,
      step: step - 1,
    });
    expect(checkTotp(secret, totpCodeAt(secret, now + 30), now, null).ok).toBe(true);
    expect(checkTotp(secret, totpCodeAt(secret, now - 90), now, null)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses a code from a step already used (replay)', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015;
    const code = totpCodeAt(secret, now);
    const first = checkTotp(secret, code, now, null);
    expect(first.ok).toBe(true);
    const step = first.ok ? first.step : 0;
    expect(checkTotp(secret, code, now + 5, step)).toEqual({ ok: false, reason: 'replayed' });
    // An older code is refused too once a newer step was used.
    expect(checkTotp(secret, totpCodeAt(secret, now - 30), now, step).ok).toBe(false);
    expect(checkTotp(secret, totpCodeAt(secret, now + 30), now + 30, step).ok).toBe(true);
  });

  it('refuses malformed codes', () => {
    const secret = newTotpSecret();
    expect(checkTotp(secret, 'abcdef', 0, null)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkTotp(secret, '12345', 0, null)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('names the issuer and account in the otpauth link', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'ana@acme.test');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXP');
    expect(uri).toContain('issuer=Vigil');
  });
});
