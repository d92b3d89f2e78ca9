import Link from 'next/link';
import { ProgressBar } from '@/components/access-reviews/labels';
import { formatDate } from '@/components/ui/format';
import type { OverviewDashboard } from '@/server/services/overview/overview-queries';

/**
 * Access-review completion and overdue items (docs/PRODUCT.md §Dashboards), each linking to its
 * rows.
 */
export function AccessReviewPanel({
  campaigns,
  linkCampaigns,
}: {
  campaigns: OverviewDashboard['accessReviews'];
  linkCampaigns: boolean;
}) {
  if (campaigns.length === 0) return null;
  const overdue = campaigns.reduce((n, c) => n + c.overdue, 0);
  return (
    <div className="card mt-16" data-testid="overview-access-reviews">
      <div className="card-header">
        <h2>Access reviews</h2>
        {overdue > 0 ? (
          <Link href="/reviews?status=overdue" className="badge badge-danger">
            {overdue} overdue item{overdue === 1 ? '' : 's'}
          </Link>
        ) : (
          <Link href="/reviews">Open the reviewer inbox</Link>
        )}
      </div>
      <table>
        <thead>
          <tr>
            <th>Campaign</th>
            <th className="completion-col">Completion</th>
            <th>Overdue</th>
            <th>Due</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => {
            const percent = c.total === 0 ? 100 : Math.floor((c.decided / c.total) * 100);
            return (
              <tr key={c.id} data-testid="overview-campaign">
                <td>
                  <Link
                    href={
                      linkCampaigns ? `/reviews/campaigns/${c.id}` : `/reviews?campaignId=${c.id}`
                    }
                  >
                    {c.name}
                  </Link>
                </td>
                <td>
                  <ProgressBar percent={percent} label={`${c.name} completion`} />
                  <span className="small">
                    <Link href={`/reviews?campaignId=${c.id}&status=decided`}>
                      {c.decided} of {c.total} decided
                    </Link>
                  </span>
                </td>
                <td>
                  {c.overdue > 0 ? (
                    <Link href={`/reviews?campaignId=${c.id}&status=overdue`}>{c.overdue}</Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="small">{formatDate(c.dueDate)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
