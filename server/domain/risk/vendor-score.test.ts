import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerTenths } from './ledger';
import { quantile, scoreVendor, type VendorRiskInput } from './vendor-score';
import { DEFAULT_RISK_WEIGHTS as W } from './weights';

const NOW = new Date('2026-03-01T00:00:00Z');
const base: VendorRiskInput = {
  id: 'v1',
  name: 'Acme',
  tier: 'low',
  reviewOverdue: false,
  contractEnded: false,
  staffWithoutBackgroundCheck: 0,
};
const people = (...risks: number[]) =>
  risks.map((r, i) => ({ personId: `p${i}`, bribery: r, compromise: 0 }));

describe('vendor roll-up', () => {
  it('uses 0.6·max + 0.4·p90, not the mean', () => {
    const scores = [95, 5, 5, 5, 5, 5, 5, 5, 5, 5];
    const mean = scores.reduce((a, b) => a + b) / scores.length; // 14: would read as low
    const p90 = quantile(
      [...scores].sort((a, b) => a - b),
      0.9,
    ); // 5 + 0.1·90 = 14
    expect(p90).toBeCloseTo(14);
    const v = scoreVendor({ ...base, people: people(...scores) }, W, NOW);
    expect(v.risk).toBe(Math.round((0.6 * 95 + 0.4 * 14) * 10) / 10); // 62.6
    expect(v.risk).not.toBe(mean);
    expect(v.band).toBe('medium');
    expect(v.factors.find((f) => f.factor === 'people:max')?.evidence.id).toBe('p0');
  });

  it('one very risky person dominates: quiet colleagues do not dilute the max', () => {
    const one = scoreVendor({ ...base, people: people(95) }, W, NOW).risk;
    const many = scoreVendor({ ...base, people: people(95, ...Array<number>(99).fill(0)) }, W, NOW);
    expect(one).toBe(95);
    expect(many.risk).toBeGreaterThanOrEqual(0.6 * 95);
  });

  it("takes each person's higher score", () => {
    const v = scoreVendor(
      { ...base, people: [{ personId: 'p', bribery: 10, compromise: 80 }] },
      W,
      NOW,
    );
    expect(v.risk).toBe(80);
  });
});

describe('vendor-level factors each add points', () => {
  it.each([
    ['critical tier', { tier: 'critical' }, 'vendor:tier_critical', 15],
    ['high tier', { tier: 'high' }, 'vendor:tier_high', 10],
    ['overdue review', { reviewOverdue: true }, 'vendor:review_overdue', 15],
    [
      'critical finding',
      { openFindings: [{ id: 'f', severity: 'critical' }] },
      'vendor:open_finding_critical',
      20,
    ],
    [
      'medium finding',
      { openFindings: [{ id: 'f', severity: 'medium' }] },
      'vendor:open_finding_medium',
      4,
    ],
    [
      'expired certification',
      { expiredCertifications: ['ISO 27001'] },
      'vendor:expired_certification',
      8,
    ],
    ['ended contract', { contractEnded: true }, 'vendor:contract_ended', 20],
    ['staff unchecked', { staffWithoutBackgroundCheck: 0.25 }, 'vendor:no_background_checks', 5],
  ] as [string, Partial<VendorRiskInput>, string, number][])('%s', (_n, over, code, points) => {
    const v = scoreVendor({ ...base, ...over }, W, NOW);
    expect(v.risk).toBe(points);
    expect(v.factors.map((f) => [f.factor, f.points])).toEqual([[code, points]]);
  });

  it('caps at 100 and scales every row so the ledger still sums to it', () => {
    const v = scoreVendor(
      {
        ...base,
        tier: 'critical',
        reviewOverdue: true,
        contractEnded: true,
        openFindings: [1, 2, 3].map((i) => ({ id: `f${i}`, severity: 'critical' as const })),
        people: people(100),
      },
      W,
      NOW,
    );
    expect(v.risk).toBe(100);
    expect(ledgerTenths(v.factors)).toBe(1000);
  });
});

describe('vendor properties', () => {
  it('stays in [0, 100] with an exact ledger', () => {
    const score = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ personId: fc.string({ minLength: 1 }), bribery: score, compromise: score }),
          { maxLength: 30 },
        ),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ppl, overdue, share) => {
          const v = scoreVendor(
            { ...base, people: ppl, reviewOverdue: overdue, staffWithoutBackgroundCheck: share },
            W,
            NOW,
          );
          expect(v.risk).toBeGreaterThanOrEqual(0);
          expect(v.risk).toBeLessThanOrEqual(100);
          expect(ledgerTenths(v.factors)).toBe(Math.round(v.risk * 10));
        },
      ),
    );
  });
});
