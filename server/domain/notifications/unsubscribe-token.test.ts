import { describe, expect, it } from 'vitest';
import {
  UNSUBSCRIBE_TOKEN_DAYS,
  UNSUBSCRIBE_TOKEN_MAX,
  signUnsubscribeToken,
  verifyUnsubscribeToken,
} from './unsubscribe-token';

const SECRET = 'a test secret that is long enough to sign with';
const claims = {
  orgId: '11111111-1111-4111-8111-111111111111',
  userId: '22222222-2222-4222-8222-222222222222',
  category: 'critical_signals' as const,
};
const now = new Date('2026-05-01T10:00:00Z');

describe('unsubscribe tokens', () => {
  it('verify with the same secret and give back the claims', () => {
    const token = signUnsubscribeToken(SECRET, claims, now);
    expect(token.length).toBeLessThanOrEqual(UNSUBSCRIBE_TOKEN_MAX);
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    const check = verifyUnsubscribeToken(SECRET, token, now);
    expect(check).toMatchObject({ ok: true, claims });
  });

  it('refuse a changed member, category or expiry as forged', () => {
    const token = signUnsubscribeToken(SECRET, claims, now);
    const otherUser = token.replace(claims.userId, '33333333-3333-4333-8333-333333333333');
    const otherCategory = token.replace('critical_signals', 'approvals');
    const parts = token.split('.');
    parts[4] = String(Number(parts[4]) + 1000);
    for (const forged of [otherUser, otherCategory, parts.join('.')])
      expect(verifyUnsubscribeToken(SECRET, forged, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyUnsubscribeToken('another secret entirely, also long', token, now)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('refuse anything that is not one of these tokens as malformed', () => {
    const token = signUnsubscribeToken(SECRET, claims, now);
    for (const bad of [
      '',
      'x'.repeat(43),
      token.replace(/^u1/, 'u2'),
      token.replace('critical_signals', 'no_such_category'),
      `${token}x`,
    ])
      expect(verifyUnsubscribeToken(SECRET, bad, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('expire after the stated number of days', () => {
    const token = signUnsubscribeToken(SECRET, claims, now);
    const later = new Date(now.getTime() + (UNSUBSCRIBE_TOKEN_DAYS + 1) * 86_400_000);
    expect(verifyUnsubscribeToken(SECRET, token, later)).toEqual({ ok: false, reason: 'expired' });
    const almost = new Date(now.getTime() + (UNSUBSCRIBE_TOKEN_DAYS - 1) * 86_400_000);
    expect(verifyUnsubscribeToken(SECRET, token, almost).ok).toBe(true);
  });
});
