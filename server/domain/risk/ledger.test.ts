import { describe, expect, it } from 'vitest';
import { ledgerTenths, settleLedger, type RawFactor } from './ledger';

const row = (factor: string, raw: number): RawFactor<'x'> => ({
  score: 'x',
  factor,
  label: factor,
  raw,
  evidence: { kind: 'vendor', detail: factor },
  decaysAt: null,
});

describe('settleLedger', () => {
  it('shares the score in proportion and sums to it exactly in tenths', () => {
    const out = settleLedger([row('a', 1), row('b', 1), row('c', 1)], 10);
    expect(out.map((r) => r.points)).toEqual([3.4, 3.3, 3.3]);
    expect(ledgerTenths(out)).toBe(100);
  });

  it('drops rows that round to nothing and returns nothing for a zero score', () => {
    expect(settleLedger([row('a', 1000), row('b', 0.001)], 5).map((r) => r.factor)).toEqual(['a']);
    expect(settleLedger([row('a', 3)], 0)).toEqual([]);
  });
});
