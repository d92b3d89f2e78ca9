import { describeScore } from './labels';

/** The match's strength in words, with the raw score kept for the curious. */
export function MatchScore({ similarity, matchedOn }: { similarity: number; matchedOn: string[] }) {
  return (
    <span
      className="match-score"
      data-testid="match-score"
      title={`Similarity ${similarity.toFixed(3)}`}
    >
      {describeScore(similarity, matchedOn)}
    </span>
  );
}
