import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { learnedRoutine, type RoutineCandidate } from './learned-routine';
import { org, person } from './test-helpers';

const p = person({ timezone: 'Europe/London' });
const o = org();
// Four later Mondays (2026-10-19 … 11-09) with ~500 sensitive records in the 07:00 hour.
const mondays = ['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09'];
const baseline = {
  ...emptyBaseline('p1', new Date('2026-11-12T00:00:00Z')),
  busyHours: mondays.map((day, i) => ({ day, hour: 7, volume: 480 + i * 10 })),
  exports: mondays.map((day) => ({ day, hour: 7, volume: 520 })),
  // 07:00 on those Mondays, and working days from 09:00.
  dailyHours: Object.fromEntries(mondays.map((day) => [day, (1 << 7) | (1 << 10)])),
  hourHistogram: Array.from({ length: 24 }, (_, h) => (h === 7 ? 8 : h === 10 ? 40 : 0)),
  dailyRecords: Object.fromEntries([
    ...mondays.map((day) => [day, 510] as const),
    ...['2026-10-20', '2026-10-21', '2026-10-22', '2026-10-27', '2026-10-28', '2026-11-03'].map(
      (day) => [day, 12] as const,
    ),
  ]),
};
const window = (
  at: string,
  distinctRecords: number,
  extra: Record<string, unknown> = {},
): RoutineCandidate => ({
  id: 's1',
  kind: 'bulk_record_access',
  windowStart: new Date(at),
  stats: { day: at.slice(0, 10), distinctRecords, ...extra },
});

describe('learnedRoutine', () => {
  it('explains an early Monday bulk window by the later Mondays of the same size', () => {
    // 2026-10-12 06:09Z is 07:09 in London (BST).
    const learned = learnedRoutine(window('2026-10-12T06:09:00Z', 548), p, baseline, o);
    expect(learned).toMatchObject({ id: 's1', verdict: { cadence: 'weekly', grew: false } });
    expect(learned!.wording).toBe('Monday bulk access ~495 records, 4 occurrences, 06:00–09:00');
  });

  it('does the same for an early export and an early heavy day', () => {
    const exported: RoutineCandidate = {
      id: 's2',
      kind: 'bulk_record_access',
      windowStart: new Date('2026-10-12T06:30:00Z'),
      stats: { records: 530, action: 'report.export' },
    };
    expect(learnedRoutine(exported, p, baseline, o)?.wording).toContain('Monday export ~520');
    const heavy: RoutineCandidate = {
      id: 's3',
      kind: 'volume_spike',
      windowStart: new Date('2026-10-12T06:00:00Z'),
      stats: { day: '2026-10-12', records: 557 },
    };
    expect(learnedRoutine(heavy, p, baseline, o)?.wording).toContain('Monday heavy day ~510');
  });

  it('explains early off-hours runs of the same schedule', () => {
    const early: RoutineCandidate = {
      id: 's4',
      kind: 'off_hours',
      windowStart: new Date('2026-10-12T06:09:00Z'),
      stats: { day: '2026-10-12', events: 2, sensitiveRecords: 548 },
    };
    expect(learnedRoutine(early, p, baseline, o)?.wording).toBe(
      'Monday off-hours activity ~2 events, 4 occurrences, 06:00–09:00',
    );
  });

  it('explains early VPN days once proxy use is a habit', () => {
    const vpn: RoutineCandidate = {
      id: 's5',
      kind: 'anonymizing_network',
      windowStart: new Date('2026-10-01T09:00:00Z'),
      stats: { day: '2026-10-01', events: 2 },
    };
    const habit = { ...baseline, activeDays: 20, proxyDays: 6 };
    expect(learnedRoutine(vpn, p, habit, o)?.wording).toBe('VPN or proxy use on 6 of 20 days');
    expect(learnedRoutine(vpn, p, { ...habit, proxyDays: 3 }, o)).toBeNull();
  });

  it('leaves a grown routine, another weekday or hour, a bigger size and other kinds alone', () => {
    const grown = window('2026-10-12T06:09:00Z', 548, { routine: 'Monday' });
    expect(learnedRoutine(grown, p, baseline, o)).toBeNull();
    expect(learnedRoutine(window('2026-10-13T06:09:00Z', 500), p, baseline, o)).toBeNull();
    expect(learnedRoutine(window('2026-10-12T14:09:00Z', 500), p, baseline, o)).toBeNull();
    expect(learnedRoutine(window('2026-10-12T06:09:00Z', 3000), p, baseline, o)).toBeNull();
    const other = { ...window('2026-10-12T06:09:00Z', 500), kind: 'new_country' as const };
    expect(learnedRoutine(other, p, baseline, o)).toBeNull();
  });
});
