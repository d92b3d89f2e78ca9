import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { detectImpossibleTravel } from './impossible-travel';
import { baselineOf, ev, history, org, person } from './test-helpers';

const p = person();
const o = org();
const none = emptyBaseline('p1', new Date('2026-09-17T00:00:00Z'));
const london = { country: 'GB', city: 'London', lat: 51.5074, lon: -0.1278 };
const frankfurt = { country: 'DE', city: 'Frankfurt', lat: 50.1109, lon: 8.6821, ip: '91.0.0.1' };
const manila = { country: 'PH', city: 'Manila', lat: 14.5995, lon: 120.9842, ip: '112.198.0.1' };

describe('detectImpossibleTravel', () => {
  it('London → Manila 20 minutes apart fires, with distance, time and speed', () => {
    const a = ev({ at: '2026-09-17T08:00:00Z', ...london });
    const b = ev({ at: '2026-09-17T08:20:00Z', ...manila });
    const [s, ...rest] = detectImpossibleTravel([b, a], p, none, null, o);
    expect(rest).toHaveLength(0);
    expect(s).toMatchObject({
      kind: 'impossible_travel',
      severity: 'high',
      dedupeKey: `impossible_travel:p1:${a.id}:${b.id}`,
    });
    expect(s!.evidenceEventIds).toEqual([a.id, b.id]);
    expect(s!.explanation).toMatch(
      /London, GB at 2026-09-17 08:00Z then Manila, PH at 2026-09-17 08:20Z: 10,7\d\d km in 20 min, 3\d,\d{3} km\/h/,
    );
    expect(s!.explanation).toContain('about 800 km/h');
    expect(s!.stats.distanceKm).toBeGreaterThan(10_600);
  });

  it('London → Frankfurt by plane over 3 h does not fire', () => {
    const events = [
      ev({ at: '2026-09-17T08:00:00Z', ...london }),
      ev({ at: '2026-09-17T11:00:00Z', ...frankfurt }),
    ];
    expect(detectImpossibleTravel(events, p, none, null, o)).toEqual([]);
  });

  it('catches a hop across ingest batches through the baseline’s last located event', () => {
    const b = baselineOf(history({ days: 3, perDay: 2, utcHours: [22, 23], ...london }), p);
    const [s] = detectImpossibleTravel(
      [ev({ at: '2026-09-17T00:30:00Z', ...manila, sensitive: true })],
      p,
      b,
      null,
      o,
    );
    expect(s!.severity).toBe('critical');
    expect(s!.evidenceEventIds[0]).toBe(b.lastLocated!.id);
  });

  it('ignores VPN exits, failures, short hops and same-country carrier NAT', () => {
    const a = ev({ at: '2026-09-17T08:00:00Z', ...london });
    const vpn = ev({ at: '2026-09-17T08:05:00Z', ...manila, isProxy: true });
    const failed = ev({ at: '2026-09-17T08:06:00Z', ...manila, outcome: 'failure' });
    const paris = ev({
      at: '2026-09-17T08:07:00Z',
      country: 'FR',
      city: 'Paris',
      lat: 48.8566,
      lon: 2.3522,
    });
    expect(detectImpossibleTravel([a, vpn, failed], p, none, null, o)).toEqual([]);
    expect(detectImpossibleTravel([a, paris], p, none, null, o)).toEqual([]); // 344 km: geolocation noise
    const ny = ev({
      at: '2026-09-17T08:00:00Z',
      country: 'US',
      city: 'New York',
      lat: 40.71,
      lon: -74.0,
    });
    const chicago = ev({
      at: '2026-09-17T08:10:00Z',
      country: 'US',
      city: 'Chicago',
      lat: 41.88,
      lon: -87.63,
    });
    expect(detectImpossibleTravel([ny, chicago], p, none, null, o)).toEqual([]); // 1,150 km, carrier egress
    const la = ev({
      at: '2026-09-17T08:10:00Z',
      country: 'US',
      city: 'Los Angeles',
      lat: 34.05,
      lon: -118.24,
    });
    expect(detectImpossibleTravel([ny, la], p, none, null, o)).toHaveLength(1); // 3,940 km is not NAT
  });

  it('honours a tenant override of the speed', () => {
    const events = [
      ev({ at: '2026-09-17T08:00:00Z', ...london }),
      ev({ at: '2026-09-17T09:00:00Z', ...frankfurt }),
    ];
    expect(
      detectImpossibleTravel(events, p, none, null, org({ thresholds: { travelMaxKmh: 500 } })),
    ).toHaveLength(1);
  });
});
