import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { z } from 'zod';
import { BandBadge } from '@/components/risk/band-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { formatDate } from '@/components/ui/format';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { firstParam as first } from '@/components/ui/search-params';
import { StatusBadge, TierBadge } from '@/components/vendors/badges';
import { categoryList, VENDOR_SORTS } from '@/components/vendors/labels';
import { VendorFilters } from '@/components/vendors/vendor-filters';
import { DATA_CATEGORIES, VENDOR_STATUSES, VENDOR_TIERS } from '@/server/domain/inventory/vendor';
import { RISK_BANDS } from '@/server/domain/risk/bands';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Vendors' };

const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

const paramsSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  category: z.enum(DATA_CATEGORIES).optional().catch(undefined),
  sort: z.enum(VENDOR_SORTS).default('name').catch('name'),
  band: z.enum(RISK_BANDS).optional().catch(undefined),
  review: z.literal('overdue').optional().catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});

export default async function VendorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const params = paramsSchema.parse({
    q: first(raw.q),
    category: first(raw.category),
    sort: first(raw.sort),
    band: first(raw.band),
    review: first(raw.review),
    cursor: first(raw.cursor),
  });
  // Repeated checkboxes (?tier=critical&tier=high); unknown values are dropped, not an error.
  const tiers = VENDOR_TIERS.filter((t) => all(raw.tier).includes(t));
  const statuses = VENDOR_STATUSES.filter((s) => all(raw.status).includes(s));

  const caller = await serverCaller();
  const [role, result] = await Promise.all([
    pageRole(),
    guarded(() =>
      caller.vendors
        .list({
          q: params.q || undefined,
          tiers: tiers.length ? tiers : undefined,
          statuses: statuses.length ? statuses : undefined,
          dataCategory: params.category,
          sort: params.sort,
          riskBand: params.band,
          reviewOverdue: params.review === 'overdue' || undefined,
          cursor: params.cursor,
          limit: 25,
        })
        .catch((error: unknown) => {
          // A tampered or outdated cursor: offer the first page rather than an error screen.
          if (params.cursor && error instanceof TRPCError && error.code === 'BAD_REQUEST')
            return null;
          throw error;
        }),
    ),
  ]);
  if (!result.ok) return <Refusal message={result.message} />;
  const canEdit = can(role, INVENTORY_EDITORS);

  const header = (
    <PageHeader
      title="Vendors"
      description="Third parties with access to data, production or funds, tiered by inherent risk."
      actions={
        <>
          <ExportLink
            list="vendors"
            filters={{
              q: params.q || undefined,
              tiers,
              statuses,
              dataCategory: params.category,
              sort: params.sort,
              riskBand: params.band,
              reviewOverdue: params.review === 'overdue' ? 'true' : undefined,
            }}
          />
          {canEdit && (
            <Link className="btn btn-primary" href="/vendors/new" data-testid="new-vendor">
              New vendor
            </Link>
          )}
        </>
      }
    />
  );
  if (!result.data) {
    return (
      <>
        {header}
        <div className="card">
          <EmptyState title="That page link is no longer valid">
            <Link href="/vendors">Start from the first page</Link>
          </EmptyState>
        </div>
      </>
    );
  }
  const page = result.data;
  const filtered = Boolean(
    params.q || params.category || params.band || params.review || tiers.length || statuses.length,
  );
  const linkWith = (cursor: string | undefined) => {
    const search = new URLSearchParams();
    if (params.q) search.set('q', params.q);
    for (const t of tiers) search.append('tier', t);
    for (const s of statuses) search.append('status', s);
    if (params.category) search.set('category', params.category);
    if (params.sort !== 'name') search.set('sort', params.sort);
    if (params.band) search.set('band', params.band);
    if (params.review) search.set('review', params.review);
    if (cursor) search.set('cursor', cursor);
    const query = search.toString();
    return query ? `/vendors?${query}` : '/vendors';
  };

  return (
    <>
      {header}
      {params.band && (
        <div className="alert alert-warn" role="status" data-testid="band-filter">
          Showing vendors whose current risk is <strong>{params.band}</strong>.{' '}
          <Link href="/vendors">Show every vendor</Link>
        </div>
      )}
      {params.review && (
        <div className="alert alert-warn" role="status" data-testid="review-filter">
          Showing live vendors whose review is overdue.{' '}
          <Link href="/vendor-reviews?overdue=1">Open reviews past due</Link> ·{' '}
          <Link href="/vendors">Show every vendor</Link>
        </div>
      )}
      <div className="card">
        <VendorFilters
          initial={{
            q: params.q,
            tier: tiers,
            status: statuses,
            category: params.category,
            sort: params.sort,
            band: params.band,
            review: params.review,
          }}
        />
      </div>
      <div className="card">
        {page.vendors.length === 0 ? (
          filtered ? (
            <EmptyState title="No vendors match these filters">
              <Link href="/vendors">Clear the filters</Link> to see every vendor.
            </EmptyState>
          ) : (
            <EmptyState title="No vendors yet">
              {canEdit
                ? 'Add the third parties that handle your data, reach production or touch funds.'
                : 'A compliance officer or admin adds vendors here.'}
            </EmptyState>
          )
        ) : (
          <div className="table-wrap">
            <table data-testid="vendor-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Tier</th>
                  <th>Status</th>
                  <th>Country</th>
                  <th>Data categories</th>
                  <th>Contract end</th>
                  <th>Next review</th>
                  <th>People</th>
                  <th>Risk</th>
                  <th>Warnings</th>
                </tr>
              </thead>
              <tbody>
                {page.vendors.map((v) => (
                  <tr key={v.id} data-testid={`vendor-row-${v.name}`}>
                    <td className="strong">
                      <Link href={`/vendors/${v.id}`}>{v.name}</Link>
                    </td>
                    <td>
                      <TierBadge tier={v.tier} testId="vendor-tier" />
                    </td>
                    <td>
                      <StatusBadge status={v.status} testId="vendor-status" />
                    </td>
                    <td className="mono">{v.country ?? '—'}</td>
                    <td className="small max-w-260">{categoryList(v.dataCategories)}</td>
                    <td className="small nowrap">{formatDate(v.contractEnd)}</td>
                    <td className="small nowrap">
                      {formatDate(v.nextReviewAt)}
                      {v.reviewOverdue && (
                        <div>
                          <span className="badge badge-danger" data-testid="vendor-review-overdue">
                            Overdue
                          </span>
                        </div>
                      )}
                    </td>
                    <td>{v.people}</td>
                    <td className="nowrap" data-testid="vendor-risk-cell">
                      {v.risk === null || v.riskBand === null ? (
                        <span className="muted">—</span>
                      ) : (
                        <Link
                          className="row inline-row gap-6 no-wrap"
                          href={`/vendors/${v.id}#vendor-risk-heading`}
                        >
                          <strong>{v.risk.toFixed(1)}</strong> <BandBadge band={v.riskBand} />
                        </Link>
                      )}
                    </td>
                    <td>
                      {v.warnings > 0 ? (
                        <span
                          className="badge badge-warn"
                          data-testid="vendor-warnings-count"
                          title={`${v.warnings} date${v.warnings === 1 ? '' : 's'} to act on`}
                        >
                          {v.warnings}
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <KeysetPager cursor={params.cursor} nextCursor={page.nextCursor} hrefFor={linkWith} />
      </div>
    </>
  );
}
