import { describe, expect, it } from 'vitest';
import { isIncidentGrade } from './incident';
import { ledgerTenths } from './ledger';
import type { PersonRiskInput } from './person-input';
import { scorePerson } from './person-score';
import { rankPeople } from './rank';
import { DEFAULT_RISK_WEIGHTS as W, readRiskWeights } from './weights';

// docs/RISK.md §Exposure, §Holds, §Decay, §Watchlist matches.
const NOW = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);
type SignalIn = NonNullable<PersonRiskInput['signals']>[number];
const sig = (over: Partial<SignalIn> = {}): SignalIn => ({
  id: 's1',
  kind: 'access_after_termination',
  severity: 'high',
  status: 'open',
  windowEnd: NOW,
  ...over,
});
const risk = (input: PersonRiskInput, w = W) => {
  const s = scorePerson(input, w, NOW);
  return Math.max(s.bribery, s.compromise);
};

/** A busy vendor agent: the most exposure the defaults can express, and every control gap. */
const agent: PersonRiskInput = {
  activeGrants: [
    { id: 'g1', sensitivity: 'critical' },
    { id: 'g2', sensitivity: 'high' },
  ],
  recentRecordsTouched: 5_000_000,
  screening: { identityVerified: false, backgroundCheck: 'not_started', watchlistMatches: [] },
  attestations: { overdueAntiBribery: [{ id: 'a1' }], overdue: [{ id: 'a2', title: 'AUP' }] },
  vendor: {
    id: 'v',
    name: 'Agents Inc',
    tier: 'critical',
    reviewOverdue: true,
    expiredCertifications: ['SOC 2', 'ISO 27001'],
    staffWithoutBackgroundCheck: 1,
  },
};
const withSignals = (input: PersonRiskInput, signals: SignalIn[]) => ({ ...input, signals });

describe('exposure bounds, evidence ranks', () => {
  it('keeps a person with only exposure low, and below one medium signal', () => {
    const exposed = scorePerson(agent, W, NOW);
    expect(exposed.compromise).toBe(0);
    expect(exposed.bribery).toBeLessThan(20);
    expect(exposed.band).toBe('low');
    // One medium harvesting signal on a person with no exposure at all still ranks higher.
    const medium = sig({ kind: 'access_without_ticket', severity: 'medium' });
    expect(risk({ signals: [medium] })).toBeGreaterThan(exposed.bribery);
    // And the same exposure with that signal is clearly above the same exposure without it.
    expect(risk(withSignals(agent, [medium]))).toBeGreaterThan(exposed.bribery + 15);
  });

  it('multiplies evidence by exposure, at most ×(1 + maxBoost)', () => {
    const medium = sig({ kind: 'access_without_ticket', severity: 'medium' });
    const bare = scorePerson({ signals: [medium] }, W, NOW).bribery;
    const exposed = scorePerson(withSignals(agent, [medium]), W, NOW);
    const boost = exposed.factors.filter(
      (f) => f.score === 'bribery' && f.factor.startsWith('boost:'),
    );
    expect(boost.map((f) => f.factor).sort()).toEqual([
      'boost:critical_access',
      'boost:records_touched',
      'boost:vendor_tier',
    ]);
    expect(exposed.bribery).toBeGreaterThan(bare);
    // base ≤ baseCap and evidence × (1 + ≤ maxBoost)
    const most = W.exposure.baseCap + 10 * (1 + W.exposure.maxBoost);
    expect(exposed.bribery).toBeLessThanOrEqual(Math.round(1000 * (1 - Math.exp(-most / 50))) / 10);
  });

  it('a whole vendor of exposed agents does not crowd out one person with a real signal', () => {
    const people = [
      ...Array.from({ length: 50 }, (_, i) => ({ personId: `agent-${i}`, input: agent })),
      {
        personId: 'quiet-employee',
        input: { signals: [sig({ kind: 'bulk_record_access', severity: 'medium' })] },
      },
    ];
    expect(rankPeople(people, W, NOW)[0]!.personId).toBe('quiet-employee');
  });
});

describe('incident-grade signals hold until triaged', () => {
  it.each([0, 10, 45, 200])('an open one %i days old holds the person at high or above', (d) => {
    const s = scorePerson({ signals: [sig({ windowEnd: daysAgo(d) })] }, W, NOW);
    expect(s.compromise).toBeGreaterThanOrEqual(70);
    expect(['high', 'critical']).toContain(s.band);
    const hold = s.factors.find((f) => f.factor === 'hold:incident')!;
    expect(hold.evidence.id).toBe('s1');
    expect(hold.decaysAt).toBeNull();
  });

  it('does not fade while open or escalated: the signal row keeps full points', () => {
    for (const status of ['open', 'escalated'] as const) {
      const fresh = scorePerson({ signals: [sig({ status })] }, W, NOW);
      const old = scorePerson({ signals: [sig({ status, windowEnd: daysAgo(60) })] }, W, NOW);
      const row = (s: typeof fresh) =>
        s.factors.find((f) => f.factor === 'signal:access_after_termination')!;
      expect(row(old).decaysAt).toBeNull();
      // Only the freshness part of the hold ages; the signal itself stands.
      expect(old.compromise).toBeLessThan(fresh.compromise);
      expect(old.compromise).toBeGreaterThan(75);
    }
  });

  it('decays from triage once acknowledged, and no longer holds', () => {
    const acked = scorePerson(
      { signals: [sig({ status: 'acknowledged', windowEnd: daysAgo(40), statusAt: daysAgo(30) })] },
      W,
      NOW,
    );
    expect(acked.factors.some((f) => f.factor === 'hold:incident')).toBe(false);
    const expected = 20 * Math.pow(0.5, 30 / 14);
    expect(acked.compromise).toBe(Math.round(1000 * (1 - Math.exp(-expected / 50))) / 10);
    expect(acked.band).toBe('low');
    // The clock started at triage, not at the event: acknowledged today counts in full.
    const today = scorePerson(
      { signals: [sig({ status: 'acknowledged', windowEnd: daysAgo(40), statusAt: NOW })] },
      W,
      NOW,
    );
    expect(today.compromise).toBe(Math.round(1000 * (1 - Math.exp(-20 / 50))) / 10);
  });

  it('a confirmed one holds for confirmedHoldDays after its case closed, decaying from the closing', () => {
    const held = scorePerson(
      { signals: [sig({ status: 'confirmed', windowEnd: daysAgo(100), statusAt: daysAgo(20) })] },
      W,
      NOW,
    );
    expect(held.compromise).toBeGreaterThanOrEqual(70);
    const past = scorePerson(
      { signals: [sig({ status: 'confirmed', windowEnd: daysAgo(200), statusAt: daysAgo(120) })] },
      W,
      NOW,
    );
    expect(past.compromise).toBeLessThan(40);
  });

  it('ordinary kinds still age from the event while untriaged, and hold still in a case', () => {
    const offHours = (over: Partial<SignalIn>) =>
      scorePerson({ signals: [sig({ kind: 'off_hours', severity: 'low', ...over })] }, W, NOW);
    expect(offHours({ windowEnd: daysAgo(42) }).compromise).toBeLessThan(
      offHours({}).compromise / 4,
    );
    expect(offHours({ status: 'escalated', windowEnd: daysAgo(42) }).compromise).toBe(
      offHours({}).compromise,
    );
    expect(offHours({}).compromise).toBeLessThan(40);
  });

  it('orders incident-grade people by how many, how severe and how recent, and other evidence', () => {
    const one = risk({ signals: [sig({ windowEnd: daysAgo(5) })] });
    const older = risk({ signals: [sig({ windowEnd: daysAgo(30) })] });
    const severer = risk({ signals: [sig({ severity: 'critical', windowEnd: daysAgo(5) })] });
    const two = risk({
      signals: [
        sig({ windowEnd: daysAgo(5) }),
        sig({ id: 's2', kind: 'impossible_travel', windowEnd: daysAgo(6) }),
      ],
    });
    const plus = risk({
      signals: [
        sig({ windowEnd: daysAgo(5) }),
        sig({ id: 's2', kind: 'bulk_record_access', severity: 'medium', windowEnd: daysAgo(5) }),
      ],
    });
    expect(older).toBeLessThan(one);
    expect(severer).toBeGreaterThan(one);
    expect(two).toBeGreaterThan(one);
    expect(plus).toBeGreaterThan(one);
    for (const r of [one, older, severer, two, plus]) expect(r).toBeGreaterThanOrEqual(70);
  });

  it('decides incident grade from the stats facts where the kind alone does not', () => {
    const g = (over: Partial<SignalIn>) =>
      isIncidentGrade({
        restrictedSystem: false,
        watchlistedPeer: false,
        watchlistIdentity: false,
        ...sig(over),
      });
    expect(g({ kind: 'access_after_termination', severity: 'medium' })).toBe(false);
    expect(g({ kind: 'access_without_grant', severity: 'medium' })).toBe(false);
    expect(g({ kind: 'access_without_grant', severity: 'medium', restrictedSystem: true })).toBe(
      true,
    );
    expect(g({ kind: 'access_without_grant', severity: 'high' })).toBe(true);
    expect(g({ kind: 'shared_infrastructure' })).toBe(false);
    expect(g({ kind: 'shared_infrastructure', watchlistedPeer: true })).toBe(true);
    expect(g({ kind: 'identity_reuse', severity: 'medium' })).toBe(false);
    expect(g({ kind: 'identity_reuse', severity: 'high' })).toBe(true);
    expect(g({ kind: 'identity_reuse', severity: 'medium', watchlistIdentity: true })).toBe(true);
    expect(g({ kind: 'incident_chain', severity: 'low' })).toBe(true);
    expect(g({ kind: 'bulk_record_access', severity: 'critical' })).toBe(false);
  });

  it('honours tenant floors and keeps the ledger summing to the score', () => {
    const w = readRiskWeights({ holds: { incidentFloor: 80 } });
    const s = scorePerson(withSignals(agent, [sig({ windowEnd: daysAgo(90) })]), w, NOW);
    expect(s.compromise).toBeGreaterThanOrEqual(80);
    for (const name of ['bribery', 'compromise'] as const)
      expect(ledgerTenths(s.factors.filter((f) => f.score === name))).toBe(
        Math.round(s[name] * 10),
      );
  });
});

describe('watchlist matches by strength', () => {
  const screened = (matches: NonNullable<PersonRiskInput['screening']>['watchlistMatches']) => ({
    screening: {
      identityVerified: true,
      backgroundCheck: 'clear' as const,
      watchlistMatches: matches,
    },
  });

  it('an open match on a strong identifier is critical until reviewed', () => {
    const s = scorePerson(
      screened([
        { id: 'm', status: 'open', strongIdentifiers: ['github:octo'], since: daysAgo(3) },
      ]),
      W,
      NOW,
    );
    expect(s.bribery).toBeGreaterThanOrEqual(90);
    expect(s.band).toBe('critical');
    expect(s.factors.find((f) => f.factor === 'hold:watchlist')?.evidence.detail).toContain(
      'github octo',
    );
  });

  it('a confirmed match stays critical: confirming never lowers the score', () => {
    const open = risk(screened([{ id: 'm', status: 'open', strongIdentifiers: ['phone:+1555'] }]));
    const confirmed = risk(
      screened([{ id: 'm', status: 'confirmed', strongIdentifiers: ['phone:+1555'] }]),
    );
    expect(confirmed).toBeGreaterThanOrEqual(open);
    expect(risk(screened([{ id: 'm', status: 'confirmed' }]))).toBeGreaterThanOrEqual(90);
  });

  it('name-only similarity stays below high, however many entries and however exposed', () => {
    const matches = Array.from({ length: 6 }, (_, i) => ({ id: `m${i}`, status: 'open' as const }));
    const s = scorePerson(
      { ...agent, ...{ screening: { ...agent.screening!, watchlistMatches: matches } } },
      W,
      NOW,
    );
    expect(s.bribery).toBeGreaterThan(0);
    expect(s.bribery).toBeLessThan(70);
    expect(s.factors.some((f) => f.factor.startsWith('hold:'))).toBe(false);
  });

  it('a false positive adds nothing', () => {
    expect(
      risk(screened([{ id: 'm', status: 'false_positive', strongIdentifiers: ['phone:+1555'] }])),
    ).toBe(0);
  });
});

describe('a tenant of busy vendor agents with a few planted insiders', () => {
  it('ranks the incident-grade and strong-match people above every exposed agent', () => {
    // 400 agents: high access, many records, a critical-tier vendor, and now and then an ordinary
    // signal of their own (a noisy off-hours login, a mild volume spike) at any age.
    const kinds = ['off_hours', 'volume_spike', 'new_country'] as const;
    const agents = Array.from({ length: 400 }, (_, i) => ({
      personId: `agent-${String(i).padStart(3, '0')}`,
      input: {
        ...agent,
        recentRecordsTouched: 1_000 * (1 + (i % 50)),
        signals:
          i % 3 === 0
            ? [
                sig({
                  id: `a${i}`,
                  kind: kinds[i % 3]!,
                  severity: i % 9 === 0 ? 'medium' : 'low',
                  windowEnd: daysAgo(i % 40),
                }),
              ]
            : [],
      },
    }));
    const planted = [
      sig({ id: 'p1', windowEnd: daysAgo(20) }), // used access after the end date
      sig({ id: 'p2', kind: 'privilege_change_outside_workflow', windowEnd: daysAgo(30) }),
      sig({ id: 'p3', kind: 'impossible_travel', windowEnd: daysAgo(25) }),
    ].map((s, i) => ({ personId: `insider-${i}`, input: withSignals(agent, [s]) }));
    const matched = {
      personId: 'insider-watchlist',
      input: {
        ...agent,
        screening: {
          ...agent.screening!,
          watchlistMatches: [
            { id: 'm', status: 'open' as const, strongIdentifiers: ['github:octo'] },
          ],
        },
      },
    };
    const ranked = rankPeople([...agents, ...planted, matched], W, NOW);
    expect(ranked[0]!.personId).toBe('insider-watchlist');
    expect(
      ranked
        .slice(0, 4)
        .map((r) => r.personId)
        .sort(),
    ).toEqual(['insider-0', 'insider-1', 'insider-2', 'insider-watchlist']);
    // No agent reaches high on exposure and ordinary noise.
    expect(ranked.filter((r) => r.personId.startsWith('agent-') && r.risk >= 70)).toEqual([]);
  });
});
