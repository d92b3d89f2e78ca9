import { describe, expect, it } from 'vitest';
import { detectOffHours } from './off-hours';
import { baselineOf, ev, history, org, person } from './test-helpers';

const p = person();
const o = org();
const dayBaseline = baselineOf(history({ days: 20, perDay: 5 }), p);
// 02:xx London time on 2026-09-17 (BST, UTC+1).
const night = (n: number, extra = {}) =>
  Array.from({ length: n }, (_, i) =>
    ev({ at: `2026-09-17T01:${String(10 + i).padStart(2, '0')}:00Z`, ...extra }),
  );

describe('detectOffHours', () => {
  it('fires for night activity that is rare for a day worker, with the numbers', () => {
    const [s, ...rest] = detectOffHours(night(4), p, dayBaseline, null, o);
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({
      kind: 'off_hours',
      severity: 'low',
      dedupeKey: 'off_hours:p1:2026-09-17',
    });
    expect(s!.explanation).toContain('4 events on 2026-09-17');
    expect(s!.explanation).toContain('02:00');
    expect(s!.explanation).toContain('08:00–18:00');
    expect(s!.explanation).toContain("0% of this person's 100 baseline events");
  });

  it('is medium when a session’s worth of sensitive records is touched, even in one event', () => {
    const [s] = detectOffHours(
      night(1, { sensitive: true, recordCount: 40 }),
      p,
      dayBaseline,
      null,
      o,
    );
    expect(s!.severity).toBe('medium');
    expect(s!.explanation).toContain('40 sensitive records');
    // A late look at a few customers stays low (and still counts for bribery as sensitive).
    const [few] = detectOffHours(night(5, { sensitive: true }), p, dayBaseline, null, o);
    expect(few).toMatchObject({ severity: 'low', stats: { sensitiveRecords: 5 } });
  });

  it('does not fire for an on-call engineer whose baseline is nights', () => {
    const onCall = baselineOf(history({ days: 20, perDay: 6, utcHours: [1, 2, 3, 10, 12, 14] }), p);
    expect(detectOffHours(night(6), p, onCall, null, o)).toEqual([]);
  });

  it('does not fire for a couple of stray events, or in working hours', () => {
    expect(detectOffHours(night(2), p, dayBaseline, null, o)).toEqual([]);
    const day = [1, 2, 3, 4].map((i) => ev({ at: `2026-09-17T1${i}:00:00Z` }));
    expect(detectOffHours(day, p, dayBaseline, null, o)).toEqual([]);
  });

  it('waits for a mature baseline (≥ 7 days, ≥ 50 events)', () => {
    const thin = baselineOf(history({ days: 6, perDay: 20 }), p);
    const few = baselineOf(history({ days: 12, perDay: 4 }), p);
    expect(detectOffHours(night(10), p, thin, null, o)).toEqual([]);
    expect(detectOffHours(night(10), p, few, null, o)).toEqual([]);
  });

  it('needs a declared time zone', () => {
    expect(detectOffHours(night(10), person({ timezone: null }), dayBaseline, null, o)).toEqual([]);
  });
});
