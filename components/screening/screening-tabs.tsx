import Link from 'next/link';
import { MATCH_STATUS_LABELS, MATCH_STATUSES, type MatchStatus } from './labels';

/** The review queue's status tabs (with counts) and the watchlist, as one row of links. */
export function ScreeningTabs({
  current,
  counts,
}: {
  current: MatchStatus | 'watchlist';
  counts: Partial<Record<MatchStatus, number>>;
}) {
  return (
    <nav className="tabs" aria-label="Screening">
      {MATCH_STATUSES.map((status) => (
        <Link
          key={status}
          className="tab"
          href={status === 'open' ? '/screening' : `/screening?status=${status}`}
          aria-current={current === status ? 'page' : undefined}
          data-testid={`tab-${status}`}
        >
          {MATCH_STATUS_LABELS[status]}
          <span className={`badge ${status === 'open' && counts.open ? 'badge-warn' : ''}`}>
            {counts[status] ?? 0}
          </span>
        </Link>
      ))}
      <Link
        className="tab"
        href="/screening/watchlist"
        aria-current={current === 'watchlist' ? 'page' : undefined}
        data-testid="tab-watchlist"
      >
        Watchlist
      </Link>
    </nav>
  );
}
