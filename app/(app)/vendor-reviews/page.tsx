import Link from 'next/link';
import { z } from 'zod';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { FilterActions } from '@/components/ui/filter-actions';
import { formatDate } from '@/components/ui/format';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { firstParam as first, listHref } from '@/components/ui/search-params';
import { ReviewStatusBadge } from '@/components/vendor-reviews/badges';
import { REVIEW_KIND_LABELS } from '@/components/vendor-reviews/labels';
import { TierBadge } from '@/components/vendors/badges';
import { REVIEW_KINDS } from '@/server/domain/vendor-reviews/cadence';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Vendor reviews' };

const STATUS_TABS = [
  ['open', 'Open'],
  ['in_progress', 'In progress'],
  ['awaiting_decision', 'Awaiting decision'],
  ['decided', 'Decided'],
  ['all', 'All'],
] as const;
const paramsSchema = z.object({
  status: z.enum(['open', 'in_progress', 'awaiting_decision', 'decided', 'all']).catch('open'),
  kind: z.enum(REVIEW_KINDS).optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});

export default async function VendorReviewsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const p = paramsSchema.parse({
    status: first(raw.status) ?? 'open',
    kind: first(raw.kind),
    overdue: first(raw.overdue),
    cursor: first(raw.cursor),
  });
  const caller = await serverCaller();
  const [counts, list] = await Promise.all([
    guarded(() => caller.vendorReviews.counts()),
    guarded(() =>
      caller.vendorReviews.list({
        status: p.status,
        kind: p.kind,
        overdue: p.overdue === '1' || undefined,
        cursor: p.cursor,
      }),
    ),
  ]);
  if (!counts.ok) return <Refusal message={counts.message} />;
  if (!list.ok) return <Refusal message={list.message} />;
  const href = (over: Partial<typeof p>) =>
    listHref('/vendor-reviews', p, over, { status: 'open' });
  const filtered = Boolean(p.kind || p.overdue);
  const c = counts.data;

  return (
    <>
      <PageHeader
        title="Vendor reviews"
        description="Onboarding, periodic, offboarding and ad-hoc reviews: the questionnaire, evidence and findings, and a decision by someone other than the reviewer. Periodic reviews open on schedule by the vendor’s tier; start one by hand from a vendor’s page."
        actions={
          <ExportLink
            list="vendor-reviews"
            filters={{
              status: p.status,
              kind: p.kind,
              overdue: p.overdue === '1' ? 'true' : undefined,
            }}
          />
        }
      />
      <div className="grid cols-4 mb-16">
        <div className="card stat">
          <span className="label">Open</span>
          <span className="value" data-testid="reviews-open">
            {c.open}
          </span>
          <span className="hint">in progress or awaiting a decision</span>
        </div>
        <div className="card stat">
          <span className="label">Awaiting a decision</span>
          <span className="value" data-testid="reviews-awaiting">
            <Link href={href({ status: 'awaiting_decision', overdue: undefined })}>
              {c.awaitingDecision}
            </Link>
          </span>
          <span className="hint">decided by someone other than the reviewer</span>
        </div>
        <div className="card stat">
          <span className="label">Past their due date</span>
          <span className="value" data-testid="reviews-overdue">
            <Link href={href({ status: 'open', overdue: '1' })}>{c.overdue}</Link>
          </span>
          <span className="hint">open reviews whose due date has passed</span>
        </div>
      </div>
      <section className="card">
        <div className="card-header">
          <nav className="row" aria-label="Filter by status">
            {STATUS_TABS.map(([s, label]) => (
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
          <form className="row" action="/vendor-reviews" aria-label="Filter vendor reviews">
            <input type="hidden" name="status" value={p.status} />
            <label className="visually-hidden" htmlFor="kind">
              Kind
            </label>
            <select id="kind" name="kind" defaultValue={p.kind ?? ''}>
              <option value="">Any kind</option>
              {REVIEW_KINDS.map((k) => (
                <option key={k} value={k}>
                  {REVIEW_KIND_LABELS[k]}
                </option>
              ))}
            </select>
            <label className="check small">
              <input type="checkbox" name="overdue" value="1" defaultChecked={p.overdue === '1'} />
              Overdue only
            </label>
            <FilterActions clearHref={href({ kind: undefined, overdue: undefined })} />
          </form>
        </div>
        {list.data.items.length === 0 ? (
          <EmptyState title={filtered ? 'No reviews match these filters' : 'No reviews here'}>
            {filtered ? (
              <Link href={href({ kind: undefined, overdue: undefined })}>Clear the filters</Link>
            ) : (
              <>
                Start a review from a <Link href="/vendors">vendor’s page</Link>; periodic reviews
                open by themselves 30 days before a vendor’s next review date.
              </>
            )}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="vendor-reviews">
              <thead>
                <tr>
                  <th>Vendor</th>
                  <th>Kind</th>
                  <th>Status</th>
                  <th>Due</th>
                  <th>Reviewer</th>
                  <th>Approver</th>
                  <th>Open findings</th>
                  <th>Evidence</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id} data-testid={`review-row-${r.vendorName}`}>
                    <td>
                      <Link className="strong" href={`/vendor-reviews/${r.id}`}>
                        {r.vendorName}
                      </Link>
                      <div>
                        <TierBadge tier={r.vendorTier} />
                      </div>
                    </td>
                    <td className="small">
                      {REVIEW_KIND_LABELS[r.kind]}
                      {r.source === 'schedule' && <div className="muted">scheduled</div>}
                    </td>
                    <td>
                      <ReviewStatusBadge
                        status={r.status}
                        decision={r.decision}
                        overdue={r.overdue}
                      />
                    </td>
                    <td className="small">
                      {r.status === 'decided' ? (
                        <span className="muted">Decided {formatDate(r.completedAt)}</span>
                      ) : (
                        formatDate(r.dueOn)
                      )}
                    </td>
                    <td className="small">
                      {r.reviewer ?? <span className="muted">Unclaimed</span>}
                    </td>
                    <td className="small">{r.approver ?? <span className="muted">—</span>}</td>
                    <td>
                      {r.openFindings > 0 ? (
                        <span className="badge badge-warn">{r.openFindings}</span>
                      ) : (
                        <span className="muted small">None</span>
                      )}
                    </td>
                    <td className="small">{r.evidence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <KeysetPager
              cursor={p.cursor}
              nextCursor={list.data.nextCursor}
              hrefFor={(cursor) => href({ cursor })}
            />
          </div>
        )}
      </section>
    </>
  );
}
