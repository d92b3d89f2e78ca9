import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_WEIGHTS, readRiskWeights, riskWeightsSchema } from './weights';

describe('risk weights', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_RISK_WEIGHTS.halfLifeDays).toBe(14);
    expect(DEFAULT_RISK_WEIGHTS.severityPoints).toEqual({
      low: 2,
      medium: 10,
      high: 20,
      critical: 35,
    });
    expect(DEFAULT_RISK_WEIGHTS.vendor).toMatchObject({
      quantile: 0.9,
      maxWeight: 0.6,
      quantileWeight: 0.4,
    });
    // Fact-mirroring signals are scored from the fact, not twice.
    expect(DEFAULT_RISK_WEIGHTS.signalKinds.compromise.watchlist_match).toBe(0);
    expect(DEFAULT_RISK_WEIGHTS.signalKinds.bribery.bulk_record_access).toBe(1);
    expect(DEFAULT_RISK_WEIGHTS.signalKinds.bribery.new_country).toBe(0);
  });

  it('fills missing keys of partially stored weights', () => {
    const w = readRiskWeights({ severityPoints: { critical: 50 }, vendor: { quantile: 0.95 } });
    expect(w.severityPoints).toEqual({ low: 2, medium: 10, high: 20, critical: 50 });
    expect(w.vendor.quantile).toBe(0.95);
    expect(w.vendor.maxWeight).toBe(0.6);
    expect(w.exposure).toEqual(DEFAULT_RISK_WEIGHTS.exposure);
  });

  it('reads weights stored before exposure boosts and holds existed, filling the new keys', () => {
    const stored = {
      halfLifeDays: 21,
      exposure: { bySensitivity: { critical: 25 }, recordsPerTenfold: 3, recordsMax: 12 },
      screening: { watchlistOpen: 12 },
    };
    const w = readRiskWeights(stored);
    expect(w.halfLifeDays).toBe(21);
    expect(w.exposure.bySensitivity.critical).toBe(25);
    expect(w.exposure.baseCap).toBe(8);
    expect(w.exposure.maxBoost).toBe(1);
    expect(w.exposure.vendorTierBoost.critical).toBe(0.15);
    expect(w.holds).toEqual({
      incidentFloor: 70,
      watchlistFloor: 90,
      freshnessPoints: 10,
      confirmedHoldDays: 90,
    });
    expect(w.screening.watchlistOpen).toBe(12);
  });

  it('falls back to the defaults for null or invalid stored weights', () => {
    expect(readRiskWeights(null)).toEqual(DEFAULT_RISK_WEIGHTS);
    expect(readRiskWeights({ halfLifeDays: -3 })).toEqual(DEFAULT_RISK_WEIGHTS);
  });

  it('rejects a roll-up whose weights add up to more than 1 and boosts above ×2', () => {
    expect(
      riskWeightsSchema.safeParse({ vendor: { maxWeight: 0.8, quantileWeight: 0.4 } }).success,
    ).toBe(false);
    expect(riskWeightsSchema.safeParse({ accessBoost: { critical: 1.5 } }).success).toBe(false);
  });
});
