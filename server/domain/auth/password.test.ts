import { describe, expect, it } from 'vitest';
import { emailSchema, isLockedOut, passwordSchema } from './password';

describe('lockout', () => {
  it('is locked only until the lock expires', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    const lockedUntil = new Date(now.getTime() + 15 * 60_000);
    expect(isLockedOut({ failedLoginCount: 0, lockedUntil }, now)).toBe(true);
    expect(
      isLockedOut({ failedLoginCount: 0, lockedUntil }, new Date(lockedUntil.getTime() + 1)),
    ).toBe(false);
    expect(isLockedOut({ failedLoginCount: 4, lockedUntil: null }, now)).toBe(false);
  });
});

describe('credential inputs', () => {
  it('normalizes emails and rejects malformed ones', () => {
    expect(emailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(emailSchema.safeParse('not-an-email').success).toBe(false);
    expect(emailSchema.safeParse(`${'a'.repeat(250)}@x.io`).success).toBe(false);
  });

  it('requires 12 to 200 characters', () => {
    expect(passwordSchema.safeParse('short').success).toBe(false);
    expect(passwordSchema.safeParse('long enough pass').success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(201)).success).toBe(false);
  });
});
