import { describe, expect, it } from 'vitest';
import type { PeerBaseline } from './baseline';
import { baselineOf, ev, history, org, person } from './test-helpers';
import { detectVolumeSpike } from './volume-spike';

const p = person();
const o = org();
// 20 days of 4 events × ~11 records: a daily median of 44.
const b = baselineOf(history({ days: 20, perDay: 4, records: (d) => 10 + (d % 3) }), p);
const peers: PeerBaseline = {
  key: 'g',
  size: 6,
  dailyRecordsMedian: 40,
  dailyRecordsP99: 96,
  noTicketRateMedian: 0,
  noTicketRateP90: 0.1,
};
const day = (records: number, n = 4) =>
  Array.from({ length: n }, (_, i) =>
    ev({ at: `2026-09-17T1${i}:00:00Z`, recordCount: records / n }),
  );

describe('detectVolumeSpike', () => {
  it('fires far above the own median and the peers’ p99, with both numbers', () => {
    const [s] = detectVolumeSpike(day(412), p, b, peers, o);
    expect(s).toMatchObject({
      kind: 'volume_spike',
      severity: 'high',
      dedupeKey: 'volume_spike:p1:2026-09-17',
    });
    expect(s!.explanation).toMatch(
      /^412 records touched on 2026-09-17; own median 4\d over 20 active days/,
    );
    expect(s!.explanation).toContain("peers' p99 96 (group of 6)");
  });

  it('is medium without a peer group, and says so', () => {
    const [s] = detectVolumeSpike(day(412), p, b, null, o);
    expect(s!.severity).toBe('medium');
    expect(s!.explanation).toContain('no peer group of 5 or more');
  });

  it('does not fire within the own range, or below the peers’ p99', () => {
    expect(detectVolumeSpike(day(60), p, b, null, o)).toEqual([]);
    const busyPeers = { ...peers, dailyRecordsP99: 900 };
    expect(detectVolumeSpike(day(412), p, b, busyPeers, o)).toEqual([]);
  });

  it('adds the part of the day already in the baseline (a day split across batches)', () => {
    const split = baselineOf(
      history({ days: 20, perDay: 4, records: 11 }),
      p,
      '2026-09-17T12:00:00Z',
    );
    split.dailyRecords['2026-09-17'] = 300;
    const [s] = detectVolumeSpike(day(120), p, split, null, o);
    expect(s!.stats.records).toBe(420);
  });

  it('waits for a mature baseline', () => {
    const thin = baselineOf(history({ days: 5, perDay: 20, records: 2 }), p);
    expect(detectVolumeSpike(day(5000), p, thin, null, o)).toEqual([]);
  });

  it('compares only with days every source of today’s records was reporting', () => {
    // A support console's log connected 5 days ago: the 15 days before held sign-ins only.
    const console = 'canonical';
    const connected = Date.parse('2026-09-12T00:00:00Z');
    const mixed = baselineOf(
      [
        ...history({ days: 20, perDay: 2, records: 1, source: 'okta' }),
        ...history({ days: 5, perDay: 4, records: 30, source: console }),
      ],
      p,
    );
    const today = day(130).map((e) => ({ ...e, source: console }));
    // Without knowing when the console began, its ordinary day looks like a spike.
    expect(detectVolumeSpike(today, p, mixed, null, o)).toHaveLength(1);
    const since = org({ sourcesSince: new Map([[console, connected]]) });
    // Five reported days are too few to judge (7 needed).
    expect(detectVolumeSpike(today, p, mixed, null, since)).toEqual([]);
    const longer = baselineOf(
      [
        ...history({ days: 20, perDay: 2, records: 1, source: 'okta' }),
        ...history({ days: 9, perDay: 4, records: 30, source: console }),
      ],
      p,
    );
    const later = org({ sourcesSince: new Map([[console, Date.parse('2026-09-08T00:00:00Z')]]) });
    expect(detectVolumeSpike(today, p, longer, null, later)).toEqual([]);
    // A real spike on the console still fires against the console's days.
    expect(
      detectVolumeSpike(
        day(1200).map((e) => ({ ...e, source: console })),
        p,
        longer,
        null,
        later,
      ),
    ).toHaveLength(1);
  });
});
