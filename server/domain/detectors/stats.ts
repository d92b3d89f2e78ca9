// docs/DETECTORS.md §Principles: robust statistics (median, MAD, quantiles), not mean and SD.

// Typed-array sort is numeric (Array#sort compares strings) and faster.
function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** Quantile of unsorted values, type 7 (R's default, linear between order statistics). */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${p}`);
  const s = sortedCopy(values);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** Several quantiles of the same values from one sort. */
export function quantiles(values: readonly number[], ps: readonly number[]): number[] {
  if (values.length === 0) return ps.map(() => NaN);
  const s = sortedCopy(values);
  return ps.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${p}`);
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, s.length - 1);
    return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
  });
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median (unscaled). */
export function mad(values: readonly number[]): number {
  return medianAndMad(values).mad;
}

const medianOfSorted = (s: Float64Array) => {
  const h = (s.length - 1) / 2;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};

/** Median and MAD with two sorts instead of three (called per person and day). */
export function medianAndMad(values: readonly number[]): { median: number; mad: number } {
  if (values.length === 0) return { median: NaN, mad: NaN };
  const s = sortedCopy(values);
  const m = medianOfSorted(s);
  for (let i = 0; i < s.length; i++) s[i] = Math.abs(s[i]! - m);
  return { median: m, mad: medianOfSorted(s.sort()) };
}

/**
 * Iglewicz–Hoaglin modified z-score 0.6745·(x − median)/MAD. The MAD floor keeps a perfectly
 * regular baseline (MAD 0) from turning any deviation into an infinite score.
 */
export function robustZ(x: number, med: number, madValue: number, madFloor: number): number {
  return (0.6745 * (x - med)) / Math.max(madValue, madFloor);
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
