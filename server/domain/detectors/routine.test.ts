import { describe, expect, it } from 'vitest';
import { buildPersonBaseline } from './baseline';
import { detectBulkRecordAccess } from './bulk-record-access';
import { detectOffHours } from './off-hours';
import { matchRoutine, type RoutineEpisode } from './routine';
import { ev, history, org, person } from './test-helpers';
import type { DetectorEvent } from './types';
import { detectVolumeSpike } from './volume-spike';

const p = person(); // Europe/London: BST (UTC+1) in September and October 2026
const o = org();
const END = '2026-10-05T00:00:00Z'; // the 5th Monday starts here
const MONDAYS = ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28'];

/** 30 days of ordinary daytime work: 6 events a day, 1 record each. */
const ordinary = () => history({ end: END, days: 30, perDay: 6 });
/** The scheduled export: 08:05Z = 09:05 London. */
const exportAt = (day: string, records: number, hourUtc = 8) =>
  ev({
    at: `${day}T${String(hourUtc).padStart(2, '0')}:05:00Z`,
    action: 'customer.export',
    recordCount: records,
    sensitive: true,
  });
const baselineWith = (extra: DetectorEvent[]) =>
  buildPersonBaseline([...ordinary(), ...extra], p, { windowEnd: new Date(END) });
const weekly = () => baselineWith(MONDAYS.map((d, i) => exportAt(d, [480, 510, 500, 495][i]!)));

describe('matchRoutine', () => {
  const ep = (day: string, hour: number, volume: number): RoutineEpisode => ({ day, hour, volume });
  const mondays = MONDAYS.map((d) => ep(d, 9, 500));

  it('learns a weekly routine from ≥ 3 earlier same-weekday, same-band occurrences', () => {
    const v = matchRoutine({ day: '2026-10-05', hour: 10, volume: 900 }, mondays);
    expect(v).toMatchObject({ cadence: 'weekly', when: 'Monday', occurrences: 4, usual: 500 });
    expect(v!.grew).toBe(false);
    expect(matchRoutine({ day: '2026-10-05', hour: 9, volume: 1001 }, mondays)!.grew).toBe(true);
  });

  it('needs three occurrences, the same band and the same weekday', () => {
    const today = { day: '2026-10-05', hour: 9, volume: 500 };
    expect(matchRoutine(today, mondays.slice(0, 2))).toBeNull();
    expect(matchRoutine({ ...today, hour: 12 }, mondays)).toBeNull(); // 3 h later: another band
    expect(matchRoutine({ ...today, day: '2026-10-07' }, mondays)).toBeNull(); // a Wednesday
  });

  it('learns a daily band spread over ≥ 3 weekdays, and wraps midnight', () => {
    const nights = ['2026-09-20', '2026-09-21', '2026-09-22'].map((d) => ep(d, 23, 4));
    expect(matchRoutine({ day: '2026-10-01', hour: 0, volume: 5 }, nights)).toMatchObject({
      cadence: 'daily',
      grew: false,
    });
  });

  it('takes as members only occurrences within ×0.5–×2 of their median', () => {
    const mixed = [...mondays.slice(0, 2), ep('2026-09-21', 9, 5000), ep('2026-09-28', 9, 60)];
    expect(matchRoutine({ day: '2026-10-05', hour: 9, volume: 500 }, mixed)).toBeNull();
  });
});

describe('routines in bulk_record_access', () => {
  it('does not fire for the 5th Monday of a weekly ~500-record export', () => {
    const today = [exportAt('2026-10-05', 505)];
    // The same export with no routine behind it fires as a bulk window.
    expect(detectBulkRecordAccess(today, p, baselineWith([]), null, o)).toHaveLength(1);
    expect(detectBulkRecordAccess(today, p, weekly(), null, o)).toEqual([]);
  });

  it('fires when the routine grew past twice its usual size, and says so', () => {
    const [s, ...rest] = detectBulkRecordAccess(
      [exportAt('2026-10-05', 3000)],
      p,
      weekly(),
      null,
      o,
    );
    expect(rest).toEqual([]);
    expect(s!.kind).toBe('bulk_record_access');
    expect(s!.explanation).toContain(
      'usual Monday export ~498 records (4 earlier, 08:00–11:00); today 3,000, 6×',
    );
    expect(s!.stats).toMatchObject({ routine: 'Monday', routineOccurrences: 4, routineRatio: 6 });
  });

  it('fires for a first-ever export, and for the routine on another weekday', () => {
    const first = detectBulkRecordAccess(
      [exportAt('2026-10-05', 1500)],
      p,
      baselineWith([]),
      null,
      o,
    );
    expect(first).toHaveLength(1);
    expect(first[0]!.explanation).not.toContain('usual');
    const wednesday = detectBulkRecordAccess([exportAt('2026-10-07', 505)], p, weekly(), null, o);
    expect(wednesday).toHaveLength(1);
    expect(wednesday[0]!.explanation).not.toContain('usual');
  });

  it('fires for the routine at another time of day', () => {
    const evening = detectBulkRecordAccess([exportAt('2026-10-05', 505, 19)], p, weekly(), null, o);
    expect(evening).toHaveLength(1);
  });
});

describe('routines in volume_spike', () => {
  it('does not fire for a weekly heavy day, and fires when it grew', () => {
    const today = (records: number) => [
      exportAt('2026-10-05', records),
      ...[10, 11, 13].map((h) => ev({ at: `2026-10-05T${h}:00:00Z` })),
    ];
    expect(detectVolumeSpike(today(505), p, baselineWith([]), null, o)).toHaveLength(1);
    expect(detectVolumeSpike(today(505), p, weekly(), null, o)).toEqual([]);
    const [s] = detectVolumeSpike(today(3000), p, weekly(), null, o);
    expect(s!.explanation).toMatch(
      /usual Monday heavy day ~50\d records \(4 earlier\); today 3,00\d/,
    );
  });
});

describe('routines in off_hours', () => {
  // A day worker (50 events a day) with an on-call week of nights two weeks ago: 3 events a night
  // around 02:00 London, well under 2% of the baseline each hour.
  const dayWork = history({ end: END, days: 30, perDay: 50, utcHours: [8, 9, 10, 11, 13, 14, 15] });
  const night = (day: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      ev({ at: `${day}T01:${String(10 + i * 7).padStart(2, '0')}:00Z` }),
    );
  const onCallWeek = ['2026-09-19', '2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23'];
  const onCall = buildPersonBaseline([...dayWork, ...onCallWeek.flatMap((d) => night(d, 3))], p, {
    windowEnd: new Date(END),
  });
  const dayOnly = buildPersonBaseline(dayWork, p, { windowEnd: new Date(END) });

  it('does not fire for on-call nights the person has repeated', () => {
    expect(onCall.hourHistogram[2]! / onCall.eventCount).toBeLessThan(0.02);
    expect(detectOffHours(night('2026-10-05', 4), p, dayOnly, null, o)).toHaveLength(1);
    expect(detectOffHours(night('2026-10-05', 4), p, onCall, null, o)).toEqual([]);
  });

  it('fires when the nights grew well past their usual activity', () => {
    const [s] = detectOffHours(night('2026-10-05', 7), p, onCall, null, o);
    expect(s!.explanation).toContain('usual daily off-hours activity ~3 events');
    expect(s!.explanation).toContain('today 7, 2.3×');
  });
});
