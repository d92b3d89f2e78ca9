import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { MATCH_STATUS_BADGES, MATCH_STATUS_LABELS } from './labels';
import type { ScreeningMatch } from './match-card';
import { MatchScore } from './match-score';
import { MatchedOnList } from './matched-on-list';

/** A person's watchlist matches in every status, for the person page. */
export function PersonMatches({
  matches,
  lastScreenedAt,
}: {
  matches: ScreeningMatch[];
  lastScreenedAt: Date | null;
}) {
  const open = matches.filter((m) => m.status === 'open').length;
  return (
    <section className="card mt-16" aria-labelledby="watchlist-heading">
      <div className="card-header">
        <h2 id="watchlist-heading">Watchlist matches</h2>
        <span className="muted small">
          Last screened {lastScreenedAt ? formatDateTime(lastScreenedAt) : 'never'}
          {' · '}
          <Link href="/screening">
            {open > 0 ? 'Review in the screening queue' : 'Open the screening queue'}
          </Link>
        </span>
      </div>
      {matches.length === 0 ? (
        <EmptyState title="No watchlist matches" />
      ) : (
        <div className="table-wrap">
          <table data-testid="person-matches">
            <thead>
              <tr>
                <th>Status</th>
                <th>Watchlist entry</th>
                <th>Matched on</th>
                <th>Score</th>
                <th>Review</th>
              </tr>
            </thead>
            <tbody>
              {matches.map((m) => (
                <tr key={m.id}>
                  <td>
                    <span className={`badge ${MATCH_STATUS_BADGES[m.status]}`}>
                      {MATCH_STATUS_LABELS[m.status]}
                    </span>
                  </td>
                  <td>
                    <div className="strong">{m.entry.name}</div>
                    <span className="badge">{m.entry.source}</span>
                  </td>
                  <td>
                    <MatchedOnList matchedOn={m.matchedOn} />
                  </td>
                  <td className="small">
                    <MatchScore similarity={m.similarity} matchedOn={m.matchedOn} />
                  </td>
                  <td className="small match-cell">
                    {m.status === 'open' ? (
                      <Link href="/screening">Awaiting review</Link>
                    ) : (
                      <>
                        {m.reviewReason}
                        <div className="muted">
                          {m.reviewedByName ?? 'A former member'}, {formatDateTime(m.reviewedAt)}
                        </div>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
