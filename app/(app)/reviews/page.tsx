import Link from 'next/link';
import { z } from 'zod';
import { ReviewItems } from '@/components/access-reviews/review-items';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { FilterActions } from '@/components/ui/filter-actions';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { firstParam as first, listHref } from '@/components/ui/search-params';
import {
  ACCESS_REVIEWERS,
  CAMPAIGN_READERS,
  CAMPAIGN_RUNNERS,
  SCOPED_READERS,
} from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Access reviews' };

const paramsSchema = z.object({
  status: z.enum(['pending', 'overdue', 'decided', 'unassigned', 'all']).catch('pending'),
  campaignId: z.uuid().optional().catch(undefined),
  reviewerUserId: z.uuid().optional().catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});

export default async function ReviewInboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const p = paramsSchema.parse({
    status: first(raw.status) ?? 'pending',
    campaignId: first(raw.campaignId),
    reviewerUserId: first(raw.reviewerUserId),
    cursor: first(raw.cursor),
  });
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  const readsCampaigns = can(role, CAMPAIGN_READERS);
  const runs = can(role, CAMPAIGN_RUNNERS);
  const [inbox, campaigns, reviewers] = await Promise.all([
    guarded(() => caller.accessReviews.inbox(p)),
    readsCampaigns ? caller.accessReviews.campaigns() : Promise.resolve([]),
    runs ? caller.accessReviews.reviewerOptions() : Promise.resolve([]),
  ]);
  if (!inbox.ok) return <Refusal message={inbox.message} />;
  const { items, counts, nextCursor, linksSignals } = inbox.data;
  const href = (over: Partial<typeof p>) => listHref('/reviews', p, over, { status: 'pending' });
  const tabs = [
    ['pending', `To decide (${counts.pending})`],
    ['overdue', `Overdue (${counts.overdue})`],
    ['decided', `Decided (${counts.decided})`],
    ...(runs ? [['unassigned', 'Needs a reviewer']] : []),
    ['all', 'All'],
  ] as [typeof p.status, string][];
  const launched = campaigns.filter((c) => c.status !== 'draft');

  return (
    <>
      <PageHeader
        title="Access reviews"
        description={
          can(role, SCOPED_READERS)
            ? 'Access you are asked to certify: keep it, revoke it, or shorten it, with the risk around each grant in view. Revocations take effect at once.'
            : 'Every item of the running campaigns, with the risk around each grant. Reviewers keep, revoke or shorten access; revocations take effect at once and are re-checked.'
        }
        actions={
          <>
            <ExportLink list="review-items" filters={p} />
            {readsCampaigns && (
              <Link className="btn" href="/reviews/campaigns">
                Campaigns
              </Link>
            )}
          </>
        }
      />
      <section className="card">
        <div className="card-header">
          <nav className="row" aria-label="Filter by status">
            {tabs.map(([s, label]) => (
              <Link
                key={s}
                href={href({ status: s })}
                className={`btn btn-small${p.status === s ? ' btn-primary' : ''}`}
                aria-current={p.status === s ? 'page' : undefined}
              >
                {label}
              </Link>
            ))}
          </nav>
          {readsCampaigns && (
            <form className="row" action="/reviews" aria-label="Filter review items">
              <input type="hidden" name="status" value={p.status} />
              <label className="visually-hidden" htmlFor="campaignId">
                Campaign
              </label>
              <select id="campaignId" name="campaignId" defaultValue={p.campaignId ?? ''}>
                <option value="">Every campaign</option>
                {launched.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              {runs && (
                <>
                  <label className="visually-hidden" htmlFor="reviewerUserId">
                    Reviewer
                  </label>
                  <select
                    id="reviewerUserId"
                    name="reviewerUserId"
                    defaultValue={p.reviewerUserId ?? ''}
                  >
                    <option value="">Any reviewer</option>
                    {reviewers.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name ?? r.email}
                      </option>
                    ))}
                  </select>
                </>
              )}
              <FilterActions
                clearHref={href({ campaignId: undefined, reviewerUserId: undefined })}
              />
            </form>
          )}
        </div>
        {p.status === 'decided' && !p.campaignId && (
          <p className="muted small" data-testid="decided-scope">
            Decisions in the running campaigns, as the overview counts them. Choose a campaign, or
            All, for completed ones.
          </p>
        )}
        {items.length === 0 ? (
          <EmptyState
            title={
              p.status === 'pending' ? 'Nothing waiting for your decision' : 'No review items match'
            }
          >
            {p.status === 'pending' && can(role, SCOPED_READERS) ? (
              'When compliance launches an access review, the grants you certify appear here.'
            ) : readsCampaigns ? (
              <>
                See the <Link href="/reviews/campaigns">campaigns</Link>, or{' '}
                <Link
                  href={href({ status: 'all', campaignId: undefined, reviewerUserId: undefined })}
                >
                  every item
                </Link>
                .
              </>
            ) : null}
          </EmptyState>
        ) : (
          <>
            <ReviewItems
              items={items}
              showReviewer={!can(role, SCOPED_READERS)}
              linksSignals={linksSignals}
              canDecide={can(role, ACCESS_REVIEWERS)}
            />
            <KeysetPager
              cursor={p.cursor}
              nextCursor={nextCursor}
              hrefFor={(cursor) => href({ cursor })}
            />
          </>
        )}
      </section>
    </>
  );
}
