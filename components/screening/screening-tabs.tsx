import { Badge } from '@/components/ui/badge';
import { NavTabs } from '@/components/ui/nav-tabs';
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
    <NavTabs
      label="Screening"
      tabs={[
        ...MATCH_STATUSES.map((status) => ({
          href: status === 'open' ? '/screening' : `/screening?status=${status}`,
          label: (
            <>
              {MATCH_STATUS_LABELS[status]}
              <Badge tone={status === 'open' && counts.open ? 'warn' : 'neutral'}>
                {counts[status] ?? 0}
              </Badge>
            </>
          ),
          current: current === status,
          testId: `tab-${status}`,
        })),
        {
          href: '/screening/watchlist',
          label: 'Watchlist',
          current: current === 'watchlist',
          testId: 'tab-watchlist',
        },
      ]}
    />
  );
}
