const BAND_BADGES: Record<string, string> = {
  critical: 'badge-danger',
  high: 'badge-warn',
  medium: 'badge-brand',
  low: 'badge-ok',
};

/** A risk band (low < 40 ≤ medium < 70 ≤ high < 90 ≤ critical). */
export function BandBadge({ band }: { band: string }) {
  return (
    <span className={`badge ${BAND_BADGES[band] ?? ''}`} data-band={band}>
      {band}
    </span>
  );
}

/** A score with its band, e.g. "83.0 high". */
export function ScoreWithBand({ score, band }: { score: number; band: string }) {
  return (
    <span className="row inline-row gap-6">
      <strong>{score.toFixed(1)}</strong>
      <BandBadge band={band} />
    </span>
  );
}

export const SCORE_LABELS = { bribery: 'Bribery risk', compromise: 'Insider compromise' } as const;
