import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, SIGNAL_KINDS } from '../detectors/types';
import { SENSITIVITIES } from '../inventory/system';
import { signalPoints } from './decay';
import { ledgerTenths } from './ledger';
import { personRiskInputSchema, type PersonRiskInput } from './person-input';
import { scorePerson } from './person-score';
import { DEFAULT_RISK_WEIGHTS as W } from './weights';

const NOW = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);
type SignalIn = NonNullable<PersonRiskInput['signals']>[number];
const sig = (over: Partial<SignalIn> = {}): SignalIn => ({
  id: 's1',
  kind: 'bulk_record_access',
  severity: 'high',
  status: 'open',
  windowEnd: NOW,
  ...over,
});
const sum = (input: PersonRiskInput, score: 'bribery' | 'compromise') =>
  scorePerson(input, W, NOW).factors.filter((f) => f.score === score);

describe('decay', () => {
  const s = personRiskInputSchema.parse({ signals: [sig()] }).signals[0]!;
  it('halves a signal after one half-life and leaves ≈ 0 after ten', () => {
    const fresh = signalPoints(s, 'compromise', W, s.windowEnd);
    expect(fresh).toBe(20);
    expect(signalPoints(s, 'compromise', W, new Date(s.windowEnd.getTime() + 14 * DAY))).toBe(10);
    expect(
      signalPoints(s, 'compromise', W, new Date(s.windowEnd.getTime() + 140 * DAY)),
    ).toBeCloseTo(20 / 1024, 10);
    const old = scorePerson({ signals: [sig({ windowEnd: daysAgo(140) })] }, W, NOW);
    expect(old.compromise).toBeLessThanOrEqual(0.1);
  });

  it('scores an older signal lower and says when it stops counting', () => {
    const a = scorePerson({ signals: [sig({ windowEnd: daysAgo(1) })] }, W, NOW).compromise;
    const b = scorePerson({ signals: [sig({ windowEnd: daysAgo(20) })] }, W, NOW).compromise;
    expect(b).toBeLessThan(a);
    const row = sum({ signals: [sig()] }, 'compromise')[0]!;
    // 20 points fall under 0.05 after log2(400) ≈ 8.64 half-lives.
    expect(row.decaysAt!.getTime()).toBeCloseTo(NOW.getTime() + Math.log2(400) * 14 * DAY, -3);
  });
});

describe('caps and ledger', () => {
  it('never exceeds 100 however many signals, and the ledger sums to the score', () => {
    const signals = Array.from({ length: 200 }, (_, i) =>
      sig({ id: `s${i}`, severity: 'critical' }),
    );
    const s = scorePerson(
      { signals, activeGrants: [{ id: 'g', sensitivity: 'critical' }] },
      W,
      NOW,
    );
    expect(s.compromise).toBeLessThanOrEqual(100);
    expect(s.bribery).toBeLessThanOrEqual(100);
    expect(ledgerTenths(s.factors.filter((f) => f.score === 'compromise'))).toBe(s.compromise * 10);
    expect(s.band).toBe('critical');
  });

  it('saturates: one critical signal is 100·(1 − e^(−35/50))', () => {
    const s = scorePerson({ signals: [sig({ severity: 'critical' })] }, W, NOW);
    expect(s.compromise).toBe(Math.round(1000 * (1 - Math.exp(-35 / 50))) / 10);
  });
});

describe('signals', () => {
  it('dismissed signals count zero; acknowledged, escalated and confirmed count like open', () => {
    const score = (status: SignalIn['status']) =>
      scorePerson({ signals: [sig({ status })] }, W, NOW);
    expect(score('dismissed')).toEqual({ bribery: 0, compromise: 0, band: 'low', factors: [] });
    expect(score('acknowledged').compromise).toBe(score('open').compromise);
    expect(score('escalated').bribery).toBe(score('open').bribery);
    expect(score('confirmed').compromise).toBe(score('open').compromise);
    expect(score('confirmed').bribery).toBe(score('escalated').bribery);
    expect(score('confirmed').compromise).toBe(score('escalated').compromise);
  });

  it('says what the signal was and how long ago, in plain words', () => {
    const label = (d: number) =>
      scorePerson({ signals: [sig({ windowEnd: daysAgo(d) })] }, W, NOW).factors[0]!.label;
    expect(label(0)).toContain('today');
    expect(label(1)).toContain('1 day ago');
    expect(label(3)).toContain('3 days ago');
    expect(label(3)).toMatch(/^Bulk record access \(high, untriaged\)/);
  });

  it('off_hours counts for bribery only when it touched sensitive records', () => {
    const plain = scorePerson({ signals: [sig({ kind: 'off_hours' })] }, W, NOW);
    const sens = scorePerson(
      { signals: [sig({ kind: 'off_hours', touchedSensitive: true })] },
      W,
      NOW,
    );
    expect(plain.bribery).toBe(0);
    expect(plain.compromise).toBeGreaterThan(0);
    expect(sens.bribery).toBeGreaterThan(0);
  });

  it('location anomalies feed compromise, not bribery', () => {
    const s = scorePerson({ signals: [sig({ kind: 'new_country' })] }, W, NOW);
    expect(s.compromise).toBeGreaterThan(0);
    expect(s.bribery).toBe(0);
  });
});

describe('access sensitivity boosts compromise', () => {
  it.each(SENSITIVITIES.map((s) => [s, W.accessBoost[s]] as const))(
    '%s access multiplies signal points by 1 + %s',
    (sensitivity, boost) => {
      const s = scorePerson({ signals: [sig()], activeGrants: [{ id: 'g', sensitivity }] }, W, NOW);
      expect(s.compromise).toBe(Math.round(1000 * (1 - Math.exp(-(20 * (1 + boost)) / 50))) / 10);
    },
  );

  it('has no effect on compromise without signals (access alone is exposure)', () => {
    const s = scorePerson({ activeGrants: [{ id: 'g', sensitivity: 'critical' }] }, W, NOW);
    expect(s.compromise).toBe(0);
    expect(s.bribery).toBeGreaterThan(0);
  });
});

describe('each bribery factor adds its documented points', () => {
  const vendor = {
    id: 'v1',
    name: 'Acme',
    tier: 'low' as const,
    reviewOverdue: false,
    staffWithoutBackgroundCheck: 0,
  };
  const clear = { identityVerified: true, backgroundCheck: 'clear' as const };
  // Standing exposure and control gaps form the base, soft-capped (exposure.ts capBase); the
  // others are evidence and count in full (no exposure here, so no boost).
  const based = (raw: number) => W.exposure.baseCap * (1 - Math.exp(-raw / W.exposure.baseCap));
  const cases: [string, PersonRiskInput, string, number][] = [
    [
      'critical access',
      { activeGrants: [{ id: 'g', sensitivity: 'critical' }] },
      'exposure:critical_access',
      based(18),
    ],
    [
      'high access',
      { activeGrants: [{ id: 'g', sensitivity: 'high' }] },
      'exposure:high_access',
      based(10),
    ],
    ['records touched', { recentRecordsTouched: 999 }, 'exposure:records_touched', based(9)],
    ['bulk access', { signals: [sig()] }, 'signal:bulk_record_access', 20],
    [
      'no ticket',
      { signals: [sig({ kind: 'access_without_ticket', severity: 'medium' })] },
      'signal:access_without_ticket',
      10,
    ],
    [
      'volume spike',
      { signals: [sig({ kind: 'volume_spike', severity: 'low' })] },
      'signal:volume_spike',
      2,
    ],
    [
      'overdue attestation',
      { attestations: { overdueAntiBribery: [{ id: 'a' }] } },
      'attestation:overdue_anti_bribery',
      based(10),
    ],
    [
      'other overdue attestation',
      { attestations: { overdue: [{ id: 'o', title: 'Acceptable use' }] } },
      'attestation:overdue',
      based(5),
    ],
    ['disclosure', { attestations: { disclosures: [{ id: 'd' }] } }, 'attestation:disclosure', 12],
    [
      'unverified identity',
      { screening: { ...clear, identityVerified: false } },
      'screening:identity_unverified',
      based(8),
    ],
    [
      'failed background check',
      { screening: { ...clear, backgroundCheck: 'failed' } },
      'screening:background_check_failed',
      20,
    ],
    [
      'pending background check',
      { screening: { ...clear, backgroundCheck: 'pending' } },
      'screening:background_check_pending',
      based(3),
    ],
    [
      'open name-only watchlist match',
      { screening: { ...clear, watchlistMatches: [{ id: 'm', status: 'open' }] } },
      'screening:watchlist_open',
      10,
    ],
    [
      'critical-tier vendor',
      { vendor: { ...vendor, tier: 'critical' } },
      'vendor:tier_critical',
      based(6),
    ],
    [
      'vendor review overdue',
      { vendor: { ...vendor, reviewOverdue: true } },
      'vendor:review_overdue',
      based(6),
    ],
    [
      'vendor expired cert',
      { vendor: { ...vendor, expiredCertifications: ['SOC 2'] } },
      'vendor:expired_certification',
      based(3),
    ],
    [
      'vendor staff unchecked',
      { vendor: { ...vendor, staffWithoutBackgroundCheck: 0.5 } },
      'vendor:no_background_checks',
      based(6),
    ],
  ];
  it.each(cases)('%s', (_name, input, code, raw) => {
    const s = scorePerson(input, W, NOW);
    const expected = Math.round(1000 * (1 - Math.exp(-raw / 50))) / 10;
    expect(s.bribery).toBe(expected);
    expect(s.factors.filter((f) => f.score === 'bribery').map((f) => [f.factor, f.points])).toEqual(
      [[code, expected]],
    );
  });

  it('a clear, verified person with no matches adds nothing', () => {
    const s = scorePerson(
      { screening: { ...clear, watchlistMatches: [{ id: 'm', status: 'false_positive' }] } },
      W,
      NOW,
    );
    expect(s.bribery).toBe(0);
  });
});

describe('protected attributes have no path', () => {
  it.each([
    'nationality',
    'citizenship',
    'ethnicity',
    'religion',
    'age',
    'gender',
    'country',
    'dateOfBirth',
  ])('rejects `%s` on the input', (key) => {
    expect(() => scorePerson({ [key]: 'X' } as PersonRiskInput, W, NOW)).toThrow();
    expect(() =>
      scorePerson(
        {
          vendor: {
            id: 'v',
            name: 'V',
            tier: 'low',
            reviewOverdue: false,
            staffWithoutBackgroundCheck: 0,
            [key]: 'X',
          },
        } as PersonRiskInput,
        W,
        NOW,
      ),
    ).toThrow();
  });

  it('has no demographic or home-location key anywhere in its schema', () => {
    const keys: string[] = [];
    const walk = (schema: unknown): void => {
      const def = (schema as { def?: Record<string, unknown> } | undefined)?.def;
      if (!def) return;
      if (def.type === 'object') {
        const shape = def.shape as Record<string, unknown>;
        for (const [k, v] of Object.entries(shape)) {
          keys.push(k);
          walk(v);
        }
      }
      for (const inner of [def.innerType, def.element]) walk(inner);
    };
    walk(personRiskInputSchema);
    expect(keys.length).toBeGreaterThan(10);
    const protectedName =
      /nation|citizen|ethnic|race|relig|gender|sex|age$|birth|country|language/i;
    expect(keys.filter((k) => protectedName.test(k))).toEqual([]);
  });

  it('the same behaviour scores the same whatever the person declared as home', () => {
    // A service builds the input from the person record; country is not carried, so two people
    // who differ only by declared country (or nationality) produce identical inputs and scores.
    const toInput = (person: { country: string; nationality: string }): PersonRiskInput => {
      void person; // nothing about where a person is from may be copied into the input
      return { signals: [sig({ kind: 'new_country', severity: 'medium' })] };
    };
    const a = scorePerson(toInput({ country: 'US', nationality: 'US' }), W, NOW);
    const b = scorePerson(toInput({ country: 'NG', nationality: 'IR' }), W, NOW);
    expect(a).toEqual(b);
  });
});

const signalArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  kind: fc.constantFrom(...SIGNAL_KINDS),
  severity: fc.constantFrom(...SEVERITIES),
  status: fc.constantFrom('open', 'acknowledged', 'dismissed', 'escalated', 'confirmed' as const),
  windowEnd: fc.integer({ min: -5, max: 400 }).map(daysAgo),
  statusAt: fc.option(fc.integer({ min: -5, max: 400 }).map(daysAgo), { nil: null }),
  touchedSensitive: fc.boolean(),
  restrictedSystem: fc.boolean(),
  watchlistedPeer: fc.boolean(),
  watchlistIdentity: fc.boolean(),
});
const inputArb = fc.record({
  signals: fc.array(signalArb, { maxLength: 40 }),
  activeGrants: fc.array(
    fc.record({ id: fc.string({ minLength: 1 }), sensitivity: fc.constantFrom(...SENSITIVITIES) }),
    { maxLength: 5 },
  ),
  recentRecordsTouched: fc.nat({ max: 10_000_000 }),
  screening: fc.record({
    identityVerified: fc.boolean(),
    backgroundCheck: fc.constantFrom(
      'not_started',
      'pending',
      'clear',
      'consider',
      'failed' as const,
    ),
    watchlistMatches: fc.array(
      fc.record({
        id: fc.string({ minLength: 1 }),
        status: fc.constantFrom('open', 'confirmed', 'false_positive' as const),
        strongIdentifiers: fc.constantFrom<string[]>(
          [],
          ['phone:+15550100'],
          ['github:x', 'email:a@b.c'],
        ),
      }),
      { maxLength: 4 },
    ),
  }),
});

describe('properties', () => {
  it('scores stay in [0, 100] and each ledger sums to its score exactly', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const s = scorePerson(input, W, NOW);
        for (const name of ['bribery', 'compromise'] as const) {
          expect(s[name]).toBeGreaterThanOrEqual(0);
          expect(s[name]).toBeLessThanOrEqual(100);
          expect(ledgerTenths(s.factors.filter((f) => f.score === name))).toBe(
            Math.round(s[name] * 10),
          );
          for (const f of s.factors) expect(f.points).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('adding an open signal never lowers either score', () => {
    fc.assert(
      fc.property(inputArb, signalArb, (input, extra) => {
        const before = scorePerson(input, W, NOW);
        const after = scorePerson(
          { ...input, signals: [...input.signals, { ...extra, status: 'open' }] },
          W,
          NOW,
        );
        expect(after.bribery).toBeGreaterThanOrEqual(before.bribery);
        expect(after.compromise).toBeGreaterThanOrEqual(before.compromise);
      }),
    );
  });

  it('is deterministic and independent of the order signals arrive in', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = scorePerson(input, W, NOW);
        expect(scorePerson(input, W, NOW)).toEqual(a);
        const b = scorePerson({ ...input, signals: [...input.signals].reverse() }, W, NOW);
        expect([b.bribery, b.compromise]).toEqual([a.bribery, a.compromise]);
      }),
    );
  });
});
