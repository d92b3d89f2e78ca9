import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBaselines } from './baseline';
import { runDetectors } from './run';
import { syntheticTenant } from './synthetic';
import { ev, history, org, person } from './test-helpers';
import { SIGNAL_KINDS, type DetectorEvent } from './types';

const o = org();

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('runDetectors', () => {
  const alice = person({ id: 'alice' });
  const bob = person({ id: 'bob', declaredCountry: 'US', timezone: 'America/New_York' });
  const past = [
    ...history({ personId: 'alice' }),
    ...history({ personId: 'bob', utcHours: [14, 15, 16, 18] }),
  ];
  const baselines = buildBaselines(past, [alice, bob], {
    windowEnd: new Date('2026-09-17T00:00:00Z'),
  });
  const manila = { country: 'PH', city: 'Manila', lat: 14.6, lon: 120.98, ip: '49.145.1.7' };
  const newEvents: DetectorEvent[] = [
    ev({ personId: 'alice', at: '2026-09-17T08:00:00Z' }),
    ev({ personId: 'alice', at: '2026-09-17T08:20:00Z', ...manila }),
    ev({ personId: 'bob', at: '2026-09-17T08:25:00Z', ...manila, userAgent: 'TeamViewer 15' }),
    ev({
      personId: 'bob',
      at: '2026-09-17T09:00:00Z',
      action: 'customer.export',
      recordCount: 5000,
      sensitive: true,
    }),
    ev({ personId: 'stranger', at: '2026-09-17T09:00:00Z' }),
  ];
  const run = (events: DetectorEvent[]) =>
    runDetectors({ people: [alice, bob], newEvents: events, baselines, org: o });

  it('runs every detector for every person and the cross-person one', () => {
    const kinds = new Set(run(newEvents).map((s) => s.kind));
    for (const k of [
      'impossible_travel',
      'new_country',
      'shared_infrastructure',
      'remote_access_tool',
      'bulk_record_access',
    ])
      expect(kinds).toContain(k);
  });

  it('is deterministic: same input twice, or shuffled, gives identical signals', () => {
    const first = run(newEvents);
    expect(run(newEvents)).toEqual(first);
    for (const seed of [1, 2, 3]) expect(run(shuffled(newEvents, seed))).toEqual(first);
    const keys = first.map((s) => s.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('exports the full list of signal kinds, including those raised elsewhere', () => {
    expect(SIGNAL_KINDS).toHaveLength(26);
    expect(SIGNAL_KINDS).toContain('watchlist_match');
    expect(SIGNAL_KINDS).toContain('screening_gap');
  });

  it('never throws on random events, and evidence is always a subset of the input', () => {
    const arbEvent = fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      personId: fc.constantFrom('alice', 'bob', 'ghost'),
      occurredAt: fc.date({
        min: new Date('2026-01-01'),
        max: new Date('2027-01-01'),
        noInvalidDate: true,
      }),
      system: fc.option(fc.constantFrom('support-console', 'kyc-vault', 'okta', 'aws'), {
        nil: null,
      }),
      action: fc.constantFrom(
        'customer.view',
        'customer.export',
        'user.mfa.factor.reset_all',
        'user.authentication.auth_via_mfa',
        'iam.amazonaws.com:AttachUserPolicy',
        'user.account.privilege.grant',
      ),
      resource: fc.option(
        fc.constantFrom('r1', 'r2', 'arn:aws:iam::aws:policy/AdministratorAccess'),
        { nil: null },
      ),
      recordCount: fc.nat({ max: 100_000 }),
      ticketId: fc.option(fc.constant('T-1'), { nil: null }),
      ip: fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 5 })), { nil: null }),
      country: fc.option(fc.constantFrom('GB', 'US', 'PH', 'KP'), { nil: null }),
      city: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
      lat: fc.option(fc.double({ min: -90, max: 90, noNaN: true }), { nil: null }),
      lon: fc.option(fc.double({ min: -180, max: 180, noNaN: true }), { nil: null }),
      deviceId: fc.option(fc.constantFrom('d1', 'd2'), { nil: null }),
      userAgent: fc.option(fc.constantFrom('Mozilla/5.0', 'AnyDesk', ''), { nil: null }),
      outcome: fc.constantFrom('success' as const, 'failure' as const),
      isProxy: fc.boolean(),
      sensitive: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 60 }), (events) => {
        const ids = new Set([...events.map((e) => e.id), ...past.map((e) => e.id)]);
        for (const s of run(events)) {
          expect(s.evidenceEventIds.length).toBeGreaterThan(0);
          expect(s.evidenceEventIds.length).toBeLessThanOrEqual(50);
          for (const id of s.evidenceEventIds) expect(ids.has(id)).toBe(true);
          expect(s.windowStart.getTime()).toBeLessThanOrEqual(s.windowEnd.getTime());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('handles ~200k new events for ~1,000 people (timing lives in bench/detectors.ts)', () => {
    const t = syntheticTenant({ people: 1000, newEvents: 200_000, historyEvents: 100_000 });
    const base = buildBaselines(t.history, t.people, { windowEnd: t.cutover });
    const signals = runDetectors({
      people: t.people,
      newEvents: t.newEvents,
      baselines: base,
      org: o,
    });
    expect(signals.length).toBeGreaterThan(0);
    expect(new Set(signals.map((s) => s.kind)).size).toBeGreaterThan(5);
  }, 120_000);
});
