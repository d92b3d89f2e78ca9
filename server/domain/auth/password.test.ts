import { describe, expect, it } from 'vitest';
import { afterFailedLogin, emailSchema, isLockedOut, passwordSchema } from './password';

const policy = { maxFailures: 3, lockoutMinutes: 15 };
const now = new Date('2026-11-24T10:00:00Z');

describe('lockout policy', () => {
  it('counts failures and locks at the limit, then resets the counter', () => {
    let state = { failedLoginCount: 0, lockedUntil: null as Date | null };
    state = afterFailedLogin(state, policy, now);
    state = afterFailedLogin(state, policy, now);
    expect(isLockedOut(state, now)).toBe(false);
    const locked = afterFailedLogin(state, policy, now);
    expect(locked.lockedNow).toBe(true);
    expect(locked.failedLoginCount).toBe(0);
    expect(isLockedOut(locked, now)).toBe(true);
    expect(isLockedOut(locked, new Date(now.getTime() + 15 * 60_000 + 1))).toBe(false);
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
