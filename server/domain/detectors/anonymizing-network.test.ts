import { describe, expect, it } from 'vitest';
import { detectAnonymizingNetwork } from './anonymizing-network';
import { baselineOf, ev, history, org, person } from './test-helpers';

const p = person();
const o = org();
const b = baselineOf(history({ days: 10, perDay: 5 }), p);
const proxied = (extra = {}) =>
  ev({ at: '2026-09-17T10:00:00Z', ip: '185.220.101.1', country: 'DE', isProxy: true, ...extra });

describe('detectAnonymizingNetwork', () => {
  it('fires for proxy sign-ins, stronger for a declared home location and sensitive access', () => {
    const [s] = detectAnonymizingNetwork([proxied(), proxied({ sensitive: true })], p, b, null, o);
    expect(s).toMatchObject({
      kind: 'anonymizing_network',
      severity: 'high',
      dedupeKey: 'anonymizing_network:p1:2026-09-17',
    });
    expect(s!.explanation).toContain('2 events on 2026-09-17 through an anonymizing proxy');
    expect(s!.explanation).toContain('1 touching sensitive records');
    expect(s!.explanation).toContain('declared location GB');
    expect(s!.explanation).toContain('0% of 50 baseline events');
  });

  it('is low without a declared location or sensitive access', () => {
    const [s] = detectAnonymizingNetwork(
      [proxied()],
      person({ declaredCountry: null }),
      b,
      null,
      o,
    );
    expect(s!.severity).toBe('low');
  });

  it('ignores ordinary traffic and proxies at the office egress', () => {
    expect(detectAnonymizingNetwork([ev({ at: '2026-09-17T10:00:00Z' })], p, b, null, o)).toEqual(
      [],
    );
    expect(detectAnonymizingNetwork([proxied({ ip: '203.0.113.9' })], p, b, null, o)).toEqual([]);
  });

  it('learns a VPN habit: 3 proxy days in a mature baseline silence it; 1 does not', () => {
    const habit = baselineOf(
      [
        ...history({ days: 20, perDay: 5 }),
        ...history({ days: 3, perDay: 5, end: '2026-09-14T00:00:00Z', isProxy: true }),
      ],
      p,
    );
    expect(detectAnonymizingNetwork([proxied()], p, habit, null, o)).toEqual([]);
    const once = baselineOf(
      [
        ...history({ days: 20, perDay: 5 }),
        ...history({ days: 1, perDay: 5, end: '2026-09-14T00:00:00Z', isProxy: true }),
      ],
      p,
    );
    expect(detectAnonymizingNetwork([proxied()], p, once, null, o)).toHaveLength(1);
  });
});
