import { describe, expect, it } from 'vitest';
import {
  hashRecoveryCode,
  isTotpCode,
  newRecoveryCode,
  newRecoveryCodes,
  normalizeRecoveryCode,
} from './recovery-codes';

describe('recovery codes', () => {
  it('are ten distinct grouped codes of 16 characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
  });

  it('map the same bytes to the same code', () => {
    const bytes = new Uint8Array(16).map((_, i) => i * 7);
    expect(newRecoveryCode(bytes)).toBe(newRecoveryCode(bytes));
  });

  it('hash the same however they are typed, and differently from each other', () => {
    const code = 'abcd-efgh-jkmn-pqrs';
    expect(normalizeRecoveryCode(' ABCD efgh-JKMN pqrs ')).toBe('abcdefghjkmnpqrs');
    expect(hashRecoveryCode('ABCD EFGH JKMN PQRS')).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode('abcd-efgh-jkmn-pqrt')).not.toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code)).not.toContain('abcd');
  });

  it('tells an authenticator code from a recovery code', () => {
    expect(isTotpCode('123456')).toBe(true);
    expect(isTotpCode('123 456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('abcd-efgh-jkmn-pqrs')).toBe(false);
  });
});
