import { describe, expect, it } from 'vitest';
import { haversineKm, mad, median, quantile, robustZ } from './stats';

describe('robust statistics', () => {
  it('median of odd and even samples, unsorted', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('quantile type 7 matches R', () => {
    // R: quantile(c(1,2,3,4,5,6,7,8,9,10), c(.1,.25,.99)) → 1.9, 3.25, 9.91
    const x = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(quantile(x, 0.1)).toBeCloseTo(1.9, 10);
    expect(quantile(x, 0.25)).toBeCloseTo(3.25, 10);
    expect(quantile(x, 0.99)).toBeCloseTo(9.91, 10);
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1)).toBe(10);
    expect(quantile([7], 0.99)).toBe(7);
    expect(() => quantile(x, 1.5)).toThrow(RangeError);
  });
  it('MAD ignores a single outlier, unlike the standard deviation', () => {
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(mad([5, 5, 5])).toBe(0);
  });
  it('robust z uses 0.6745 and floors the MAD', () => {
    expect(robustZ(412, 44, 8, 1)).toBeCloseTo((0.6745 * 368) / 8, 10);
    expect(robustZ(10, 5, 0, 1)).toBeCloseTo(0.6745 * 5, 10);
    expect(Number.isFinite(robustZ(10, 5, 0, 1))).toBe(true);
  });
  it('haversine: London → Frankfurt ≈ 640 km, London → Manila ≈ 10,740 km', () => {
    expect(haversineKm(51.5074, -0.1278, 50.1109, 8.6821)).toBeGreaterThan(630);
    expect(haversineKm(51.5074, -0.1278, 50.1109, 8.6821)).toBeLessThan(650);
    expect(haversineKm(51.5074, -0.1278, 14.5995, 120.9842)).toBeGreaterThan(10_600);
    expect(haversineKm(51.5074, -0.1278, 14.5995, 120.9842)).toBeLessThan(10_900);
    expect(haversineKm(1, 2, 1, 2)).toBe(0);
  });
});
