import { describe, expect, it } from 'vitest';
import type { PersonRiskInput } from './person-input';
import { previewWeightChange, rankPeople } from './rank';
import { DEFAULT_RISK_WEIGHTS, readRiskWeights } from './weights';

const NOW = new Date('2026-03-01T00:00:00Z');
const signal = (kind: 'bulk_record_access' | 'new_country', severity: 'medium' | 'high') => ({
  id: `${kind}-${severity}`,
  kind,
  severity,
  status: 'open' as const,
  windowEnd: NOW,
});
const people: { personId: string; input: PersonRiskInput }[] = [
  { personId: 'ann', input: { signals: [signal('bulk_record_access', 'high')] } },
  { personId: 'bob', input: { signals: [signal('new_country', 'high')] } },
  { personId: 'cat', input: { signals: [signal('new_country', 'medium')] } },
  { personId: 'dan', input: { recentRecordsTouched: 5 } },
];

describe('rankPeople', () => {
  it('ranks riskiest first with ties broken by id', () => {
    const r = rankPeople(people, DEFAULT_RISK_WEIGHTS, NOW);
    expect(r.map((p) => p.personId)).toEqual(['ann', 'bob', 'cat', 'dan']);
    expect(r.map((p) => p.rank)).toEqual([1, 2, 3, 4]);
  });
});

describe('previewWeightChange', () => {
  it('reports who enters, leaves and moves in the top n', () => {
    // Location anomalies weigh triple and bulk access nothing: bob and cat overtake ann.
    const next = readRiskWeights({
      signalKinds: {
        compromise: { new_country: 3, bulk_record_access: 0 },
        bribery: { bulk_record_access: 0 },
      },
    });
    const p = previewWeightChange(people, DEFAULT_RISK_WEIGHTS, next, 2, NOW);
    expect(p.before.map((x) => x.personId)).toEqual(['ann', 'bob']);
    expect(p.after.map((x) => x.personId)).toEqual(['bob', 'cat']);
    expect(p.entered.map((x) => x.personId)).toEqual(['cat']);
    expect(p.left.map((x) => x.personId)).toEqual(['ann']);
    expect(p.movedUp).toMatchObject([{ personId: 'bob', from: 2, to: 1 }]);
    expect(p.movedDown).toEqual([]);
  });

  it('reports no change for the same weights', () => {
    const p = previewWeightChange(people, DEFAULT_RISK_WEIGHTS, DEFAULT_RISK_WEIGHTS, 3, NOW);
    expect([p.entered, p.left, p.movedUp, p.movedDown]).toEqual([[], [], [], []]);
  });
});
