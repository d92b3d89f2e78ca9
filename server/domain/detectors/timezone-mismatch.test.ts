import { describe, expect, it } from 'vitest';
import { baselineOf, ev, history, org, person } from './test-helpers';
import { detectTimezoneMismatch } from './timezone-mismatch';

const p = person({ timezone: 'America/New_York', declaredCountry: 'US' });
const o = org();
// Working hours in Manila (UTC+8) are 00:00–10:00 UTC: 20:00–06:00 in New York.
const manilaDays = history({ days: 20, perDay: 6, utcHours: [1, 2, 3, 5, 6, 8] });
const today = [ev({ at: '2026-09-17T02:00:00Z' }), ev({ at: '2026-09-17T03:00:00Z' })];

describe('detectTimezoneMismatch', () => {
  it('fires when activity fits another zone far better than the declared one', () => {
    const [s, ...rest] = detectTimezoneMismatch(today, p, baselineOf(manilaDays, p), null, o);
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({ kind: 'timezone_mismatch', severity: 'medium' });
    expect(s!.dedupeKey).toMatch(/^timezone_mismatch:p1:UTC\+0[5-9]:00:2026-09$/);
    expect(s!.explanation).toContain('100% of 122 events');
    expect(s!.explanation).toContain('only 0% at the declared America/New_York (UTC-04:00)');
  });

  it('does not fire for someone whose hours fit the declared zone', () => {
    const local = history({ days: 20, perDay: 6, utcHours: [13, 14, 15, 17, 18, 20] });
    expect(detectTimezoneMismatch(today, p, baselineOf(local, p), null, o)).toEqual([]);
  });

  it('does not fire for an on-call engineer who works days and some nights', () => {
    const mixed = history({ days: 20, perDay: 6, utcHours: [13, 15, 18, 20, 3, 5] });
    expect(detectTimezoneMismatch(today, p, baselineOf(mixed, p), null, o)).toEqual([]);
  });

  it('waits for a mature baseline and a declared zone', () => {
    const thin = history({ days: 5, perDay: 20, utcHours: [1, 2, 3, 5, 6, 8] });
    expect(detectTimezoneMismatch(today, p, baselineOf(thin, p), null, o)).toEqual([]);
    expect(
      detectTimezoneMismatch(today, person({ timezone: null }), baselineOf(manilaDays, p), null, o),
    ).toEqual([]);
  });
});
