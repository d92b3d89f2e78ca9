export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** docs/RISK.md §Person scores: low < 40 ≤ medium < 70 ≤ high < 90 ≤ critical. */
export function bandOf(score: number): RiskBand {
  if (score >= 90) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 40) return 'medium';
  return 'low';
}
