/** One row of a factor ledger (docs/RISK.md §Ledger rows): every point has a reason. */
export interface Factor<S extends string> {
  score: S;
  /** Stable code for filters and exports, e.g. `signal:bulk_record_access`. */
  factor: string;
  /** Plain words for the person's page. */
  label: string;
  /** After decay and capping, in tenths; the rows of one score add up to it exactly. */
  points: number;
  evidence: {
    kind: 'signal' | 'grant' | 'attestation' | 'vendor' | 'screening' | 'person';
    id?: string;
    detail: string;
  };
  /** When the row stops showing (decayed below 0.05 points); null for standing facts. */
  decaysAt: Date | null;
}

/** A ledger row before the cap: `raw` is its uncapped contribution. */
export type RawFactor<S extends string> = Omit<Factor<S>, 'points'> & { raw: number };

/** Rounds a score to the tenth the ledger is kept in. */
export const toTenth = (x: number) => Math.round(x * 10) / 10;

/** Sum of a ledger in integer tenths, so "adds up exactly" is an integer comparison. */
export const ledgerTenths = (rows: readonly { points: number }[]) =>
  rows.reduce((s, r) => s + Math.round(r.points * 10), 0);

/**
 * Shares `score` among the raw rows in proportion to their raw points, in tenths, by the largest
 * remainder method (ties to the earlier row, for determinism), so Σ points = score exactly.
 * Rows that end with zero tenths are dropped: they explain nothing.
 */
export function settleLedger<S extends string>(
  rows: readonly RawFactor<S>[],
  score: number,
): Factor<S>[] {
  const total = rows.reduce((s, r) => s + r.raw, 0);
  const tenths = Math.round(score * 10);
  if (total <= 0 || tenths <= 0) return [];
  const shares = rows.map((r, i) => {
    const exact = (r.raw / total) * tenths;
    return { i, whole: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = tenths - shares.reduce((s, x) => s + x.whole, 0);
  const order = [...shares].sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const s of order) {
    if (left <= 0) break;
    s.whole += 1;
    left -= 1;
  }
  return rows.flatMap((r, i) => {
    const whole = shares[i]?.whole ?? 0;
    if (whole === 0) return [];
    const { raw: _raw, ...rest } = r;
    return [{ ...rest, points: whole / 10 }];
  });
}
