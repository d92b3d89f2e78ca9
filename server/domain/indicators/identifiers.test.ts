import { describe, expect, it } from 'vitest';
import { normalizeIdentifier } from '../inventory/identifiers';
import { hashedValue, isHashedValue, isShareableKind, sha256OfValue } from './identifiers';

describe('hashing shared identifiers', () => {
  it('hashes the normalized value, so two spellings of one identifier hash alike', () => {
    const a = normalizeIdentifier('email', '  Kim.Reyes@Example.COM ');
    const b = normalizeIdentifier('email', 'kim.reyes@example.com');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(sha256OfValue(a.value)).toBe(sha256OfValue(b.value));
    // The documented test vector (docs/IMPOSTORS.md §Normalization and hashing).
    expect(sha256OfValue('kim.reyes@example.com')).toBe(
      'a4175a139defe08a1a73cae91ddad087be1434ba109f08e4c1330f6236f4d677',
    );
  });

  it('puts phones in E.164 before hashing', () => {
    const national = normalizeIdentifier('phone', '(415) 555-0132', 'US');
    const e164 = normalizeIdentifier('phone', '+1 415 555 0132');
    expect(national).toEqual({ ok: true, value: '+14155550132' });
    expect(e164).toEqual(national);
  });

  it('writes hashes as sha256: and 64 lower-case hex digits', () => {
    const h = hashedValue('+14155550132');
    expect(isHashedValue(h)).toBe(true);
    expect(isHashedValue('sha256:XYZ')).toBe(false);
    expect(isHashedValue('+14155550132')).toBe(false);
  });

  it('never shares work accounts', () => {
    expect(isShareableKind('email')).toBe(true);
    expect(isShareableKind('okta')).toBe(false);
    expect(isShareableKind('slack')).toBe(false);
  });
});
