import { describe, expect, it } from 'vitest';
import {
  buildBaselines,
  buildPeerBaselines,
  buildPersonBaseline,
  isBaselineMature,
} from './baseline';
import { SlidingBaselines } from './sliding-baselines';
import { syntheticTenant } from './synthetic';
import { ev, history, org, person } from './test-helpers';

const p = person();
const end = new Date('2026-09-17T00:00:00Z');

describe('buildPersonBaseline', () => {
  it('summarises the trailing window in the person’s time zone', () => {
    const events = [
      ...history({ days: 10, perDay: 6, records: 3 }),
      ev({ at: '2026-07-01T10:00:00Z', country: 'FR' }), // before the 30-day window
      ev({ at: '2026-09-17T10:00:00Z', country: 'DE' }), // at the window end: excluded
      ev({ at: '2026-09-16T22:30:00Z', personId: 'other' }),
    ];
    events.push(
      ev({
        at: '2026-09-10T10:00:00Z',
        country: 'NL',
        isProxy: true,
        deviceId: 'dev-1',
        sensitive: true,
        ticketId: null,
      }),
    );
    const b = buildPersonBaseline(events, p, {
      windowEnd: end,
      priorLastSeenAt: new Date('2026-01-01'),
    });
    expect(b.eventCount).toBe(61);
    expect(b.activeDays).toBe(10);
    expect(b.countries).toEqual(['GB']); // proxy exits are not the person's country
    expect(b.devices).toEqual(['dev-1']);
    expect(b.proxyEvents).toBe(1);
    expect(b.sensitiveEvents).toBe(1);
    expect(b.sensitiveWithoutTicket).toBe(1);
    // 09:00 UTC in September is 10:00 in London.
    expect(b.hourHistogram[10]).toBe(10);
    expect(b.utcHourHistogram[9]).toBe(10);
    expect(b.dailyRecords['2026-09-16']).toBe(18);
    expect(b.lastSeenAt!.toISOString()).toBe('2026-09-16T15:05:00.000Z');
    expect(b.lastLocated!.occurredAt.toISOString()).toBe('2026-09-16T15:05:00.000Z');
  });

  it('is mature only with ≥ 7 days and ≥ 50 events (docs/DETECTORS.md §Hygiene)', () => {
    const o = org();
    expect(
      isBaselineMature(
        buildPersonBaseline(history({ days: 7, perDay: 8 }), p, { windowEnd: end }),
        o,
      ),
    ).toBe(true);
    expect(
      isBaselineMature(
        buildPersonBaseline(history({ days: 6, perDay: 20 }), p, { windowEnd: end }),
        o,
      ),
    ).toBe(false);
    expect(
      isBaselineMature(
        buildPersonBaseline(history({ days: 10, perDay: 4 }), p, { windowEnd: end }),
        o,
      ),
    ).toBe(false);
  });
});

describe('buildPeerBaselines', () => {
  const members = (n: number, key = 'vendor-a/support/agent') =>
    Array.from({ length: n }, (_, i) => person({ id: `m${i}`, peerGroupKey: key }));
  const historyFor = (ids: string[]) =>
    ids.flatMap((id, i) => history({ personId: id, days: 10, perDay: 5, records: 10 + i }));

  it('aggregates groups of five or more people', () => {
    const people = members(5);
    const baselines = buildBaselines(historyFor(people.map((x) => x.id)), people, {
      windowEnd: end,
    });
    const peers = buildPeerBaselines(people, baselines, org());
    const g = peers.get('vendor-a/support/agent')!;
    expect(g.size).toBe(5);
    expect(g.dailyRecordsMedian).toBe(60);
    expect(g.dailyRecordsP99).toBeCloseTo(70, 5);
  });

  it('never uses a group smaller than five', () => {
    const people = members(4);
    const baselines = buildBaselines(historyFor(people.map((x) => x.id)), people, {
      windowEnd: end,
    });
    expect(buildPeerBaselines(people, baselines, org()).size).toBe(0);
  });
});

describe('SlidingBaselines', () => {
  it('gives exactly the baselines buildBaselines rebuilds, day after day', () => {
    const { people, history: h } = syntheticTenant({
      people: 40,
      newEvents: 0,
      historyEvents: 6000,
    });
    // Same-time events in both orders of id, so lastLocated's tie-break is exercised too.
    const twin = {
      ...h[0]!,
      id: 'ev-zzzz',
      lat: 1,
      lon: 1,
      isProxy: false,
      outcome: 'success' as const,
    };
    const events = [...h, twin].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const first = Math.floor(events[0]!.occurredAt.getTime() / 86_400_000) * 86_400_000;
    const sliding = new SlidingBaselines(people);
    let next = 0;
    for (let day = first + 5 * 86_400_000; day <= first + 40 * 86_400_000; day += 86_400_000) {
      const windowDays = 10;
      sliding.removeBefore(day - windowDays * 86_400_000);
      while (next < events.length && events[next]!.occurredAt.getTime() < day)
        sliding.add(events[next++]!);
      const expected = buildBaselines(events, people, { windowEnd: new Date(day), windowDays });
      expect(sliding.snapshot(new Date(day), windowDays)).toEqual(expected);
    }
  });

  it('keeps the distinct repositories pulled per day as the window slides (code_exfiltration)', () => {
    const people = [person({ timezone: 'Europe/Warsaw' })];
    const start = Date.parse('2026-09-01T00:00:00Z');
    const events = Array.from({ length: 200 }, (_, i) =>
      ev({
        at: new Date(start + i * 2 * 3_600_000),
        system: 'GitHub',
        action:
          i % 5 === 0 ? 'pull_request.create' : i % 7 === 0 ? 'repo.download_zip' : 'git.clone',
        resource: `acme/repo-${i % 6}`,
        outcome: i % 11 === 0 ? 'failure' : 'success',
      }),
    );
    const sliding = new SlidingBaselines(people);
    let next = 0;
    for (let day = start + 86_400_000; day <= start + 18 * 86_400_000; day += 86_400_000) {
      sliding.removeBefore(day - 5 * 86_400_000);
      while (next < events.length && events[next]!.occurredAt.getTime() < day)
        sliding.add(events[next++]!);
      const expected = buildBaselines(events, people, { windowEnd: new Date(day), windowDays: 5 });
      expect(sliding.snapshot(new Date(day), 5)).toEqual(expected);
    }
    const b = buildBaselines(events, people, { windowEnd: new Date(start + 3 * 86_400_000) });
    const day1 = b.get('p1')!.dailyCodeRepos['2026-09-01']!;
    expect(day1.length).toBeGreaterThan(3);
    expect(day1).toEqual([...day1].sort());
  });
});
