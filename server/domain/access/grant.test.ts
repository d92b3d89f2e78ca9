import { describe, expect, it } from 'vitest';
import { canTransitionGrant, checkGrantDuration, GRANT_STATUSES, type GrantStatus } from './grant';

const maxGrantDays = { low: 365, medium: 180, high: 90, critical: 30 };

describe('checkGrantDuration', () => {
  it.each<[number, 'low' | 'medium' | 'high' | 'critical', boolean]>([
    [30, 'critical', true],
    [31, 'critical', false],
    [90, 'high', true],
    [91, 'high', false],
    [180, 'medium', true],
    [365, 'low', true],
    [366, 'low', false],
  ])('%i days of a %s privilege allowed: %s', (days, sensitivity, ok) => {
    const out = checkGrantDuration(days, sensitivity, maxGrantDays);
    expect(out === null).toBe(ok);
    if (!ok) expect(out).toMatch(`at most ${maxGrantDays[sensitivity]} days`);
  });
});

describe('grant lifecycle', () => {
  const allowed: [GrantStatus, GrantStatus][] = [
    ['pending', 'active'],
    ['pending', 'approved'],
    ['pending', 'denied'],
    ['pending', 'withdrawn'],
    ['approved', 'active'],
    ['active', 'expired'],
    ['active', 'revoked'],
    ['approved', 'revoked'],
  ];
  it('allows exactly the transitions of docs/PRODUCT.md §Grant lifecycle', () => {
    for (const from of GRANT_STATUSES)
      for (const to of GRANT_STATUSES) {
        const expected =
          allowed.some(([a, b]) => a === from && b === to) ||
          (from === 'pending' && to === 'revoked');
        expect(canTransitionGrant(from, to), `${from} → ${to}`).toBe(expected);
      }
  });
  it('never leaves a final state', () => {
    for (const s of ['denied', 'withdrawn', 'expired', 'revoked'] as const)
      for (const to of GRANT_STATUSES) expect(canTransitionGrant(s, to)).toBe(false);
  });
});
