import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { PERSON_TYPE_LABELS } from '@/components/people/labels';
import { formatDateTime } from '@/components/ui/format';
import type { AppRouter } from '@/server/trpc/root';
import { MATCH_STATUS_BADGES, MATCH_STATUS_LABELS } from './labels';
import { MatchScore } from './match-score';
import { MatchedOnList } from './matched-on-list';
import { ReviewMatchForm } from './review-match-form';

export type ScreeningMatch = inferRouterOutputs<AppRouter>['screening']['matches'][number];

/** One candidate match: who, which watchlist entry, what matched and how strongly, the review. */
export function MatchCard({ match, canReview }: { match: ScreeningMatch; canReview: boolean }) {
  const { person, entry } = match;
  const label = `${person.fullName} against ${entry.name}`;
  return (
    <article
      className="card"
      aria-label={`Match: ${label}`}
      data-testid="match-card"
      data-status={match.status}
    >
      <div className="match-grid">
        <section>
          <h3>Person</h3>
          <div className="strong">
            <Link href={`/people/${person.id}`}>{person.fullName}</Link>
          </div>
          <div className="muted small break-anywhere">{person.email}</div>
          <div className="small">
            {PERSON_TYPE_LABELS[person.type]}
            {person.vendorName && <span className="muted"> · {person.vendorName}</span>}
          </div>
        </section>
        <section>
          <h3>Watchlist entry</h3>
          <div className="strong" data-testid="entry-name">
            {entry.name}
          </div>
          {entry.aliases.length > 0 && (
            <div className="small">
              <span className="muted">Also known as</span> {entry.aliases.join(', ')}
            </div>
          )}
          <div className="small">
            <span className="muted">Source</span> <span className="badge">{entry.source}</span>
          </div>
          {entry.notes && <p className="small flush mt-4">{entry.notes}</p>}
        </section>
        <section>
          <h3>Matched on</h3>
          <MatchScore similarity={match.similarity} matchedOn={match.matchedOn} />
          <MatchedOnList matchedOn={match.matchedOn} />
          <div className="muted small mt-4">Found {formatDateTime(match.createdAt)}</div>
        </section>
      </div>
      {match.status === 'open' ? (
        canReview && <ReviewMatchForm matchId={match.id} label={label} />
      ) : (
        <div className="match-review row small" data-testid="review-outcome">
          <span className={`badge ${MATCH_STATUS_BADGES[match.status]}`}>
            {MATCH_STATUS_LABELS[match.status]}
          </span>
          <span>
            by {match.reviewedByName ?? 'a former member'} on {formatDateTime(match.reviewedAt)}
          </span>
          {match.reviewReason && (
            <span className="full-row">
              <span className="muted">Reason:</span>{' '}
              <span data-testid="review-reason">{match.reviewReason}</span>
            </span>
          )}
        </div>
      )}
    </article>
  );
}
