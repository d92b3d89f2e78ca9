import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { z } from 'zod';
import { GrantsTable } from '@/components/access/grants-table';
import { GateSummary, STEP_KIND_LABELS } from '@/components/access/labels';
import { SensitivityBadge } from '@/components/systems/labels';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { formatDate } from '@/components/ui/format';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { firstParam as first } from '@/components/ui/search-params';
import { ACCESS_ACTORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Access' };

const TABS = [
  ['all', 'All'],
  ['pending', 'Pending'],
  ['active', 'Active'],
  ['ended', 'Ended'],
  ['mine', 'Requested by me'],
] as const;

const paramsSchema = z.object({
  tab: z.enum(TABS.map(([t]) => t) as ['all', 'pending', 'active', 'ended', 'mine']).catch('all'),
  cursor: z.string().max(2000).optional().catch(undefined),
  vendorId: z.uuid().optional().catch(undefined),
  systemId: z.uuid().optional().catch(undefined),
});

export default async function AccessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const params = paramsSchema.parse({
    tab: first(raw.tab) ?? 'all',
    cursor: first(raw.cursor),
    vendorId: first(raw.vendorId),
    systemId: first(raw.systemId),
  });
  const caller = await serverCaller();
  const [role, inbox, list] = await Promise.all([
    pageRole(),
    guarded(() => caller.access.inbox()),
    guarded(() =>
      caller.access
        .list({
          status: params.tab === 'mine' ? 'all' : params.tab,
          requestedByMe: params.tab === 'mine' || undefined,
          vendorId: params.vendorId,
          systemId: params.systemId,
          cursor: params.cursor,
          limit: 25,
        })
        .catch((error: unknown) => {
          if (params.cursor && error instanceof TRPCError && error.code === 'BAD_REQUEST')
            return null;
          throw error;
        }),
    ),
  ]);
  if (!inbox.ok) return <Refusal message={inbox.message} />;
  if (!list.ok) return <Refusal message={list.message} />;
  const canRequest = can(role, ACCESS_ACTORS);
  const hrefFor = (tab: string, cursor?: string) => {
    const q = new URLSearchParams();
    if (tab !== 'all') q.set('tab', tab);
    if (params.vendorId) q.set('vendorId', params.vendorId);
    if (params.systemId) q.set('systemId', params.systemId);
    if (cursor) q.set('cursor', cursor);
    const s = q.toString();
    return s ? `/access?${s}` : '/access';
  };

  return (
    <>
      <PageHeader
        title="Access"
        description="Requests for privileged access, their approvals, and the grants people hold. Every approval passes the pre-access gate."
        actions={
          <>
            <ExportLink
              list="access"
              filters={{
                status: params.tab === 'mine' ? 'all' : params.tab,
                requestedByMe: params.tab === 'mine' ? 'true' : undefined,
                vendorId: params.vendorId,
              }}
            />
            {canRequest && (
              <Link className="btn btn-primary" href="/access/new" data-testid="request-access">
                Request access
              </Link>
            )}
          </>
        }
      />

      {canRequest && (
        <section className="card" aria-labelledby="inbox-heading" data-testid="approvals-inbox">
          <h2 className="mb-12" id="inbox-heading">
            Waiting for your approval <span className="badge badge-brand">{inbox.data.length}</span>
          </h2>
          {inbox.data.length === 0 ? (
            <p className="muted flush">
              Nothing waits for you. Requests you can decide appear here.
            </p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Person</th>
                    <th>Access</th>
                    <th>Your step</th>
                    <th>Requested</th>
                    <th>Gate</th>
                  </tr>
                </thead>
                <tbody>
                  {inbox.data.map((g) => (
                    <tr key={g.id} data-testid={`inbox-${g.id}`}>
                      <td>
                        <strong>{g.person.fullName}</strong>
                        {g.vendor && <div className="muted small">{g.vendor.name}</div>}
                      </td>
                      <td>
                        <Link className="strong" href={`/access/${g.id}`}>
                          {g.system.name} · {g.privilege.name}
                        </Link>{' '}
                        <SensitivityBadge value={g.privilege.sensitivity} />
                        <div className="muted small">
                          {g.durationDays} days · {g.justification.slice(0, 80)}
                          {g.justification.length > 80 ? '…' : ''}
                        </div>
                      </td>
                      <td className="small">{STEP_KIND_LABELS[g.stepKind]}</td>
                      <td className="small">
                        {formatDate(g.requestedAt)}
                        <div className="muted">{g.requesterEmail}</div>
                      </td>
                      <td>
                        <GateSummary findings={g.gate} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      <section className="card mt-16" aria-labelledby="grants-heading">
        <div className="card-header">
          <h2 id="grants-heading">Requests and grants</h2>
          <nav className="row" aria-label="Filter by status">
            {TABS.filter(([t]) => t !== 'mine' || canRequest).map(([tab, label]) => (
              <Link
                key={tab}
                href={hrefFor(tab)}
                className={`btn btn-small${params.tab === tab ? ' btn-primary' : ''}`}
                aria-current={params.tab === tab ? 'page' : undefined}
              >
                {label}
              </Link>
            ))}
          </nav>
        </div>
        {params.vendorId && (
          <p className="muted small mt-0">
            Showing one vendor’s people only.{' '}
            <Link href={params.tab === 'all' ? '/access' : `/access?tab=${params.tab}`}>
              Show everyone
            </Link>
          </p>
        )}
        {params.systemId && (
          <p className="muted small mt-0" data-testid="system-filter">
            Showing access to one system only.{' '}
            <Link href={params.tab === 'all' ? '/access' : `/access?tab=${params.tab}`}>
              Show every system
            </Link>
          </p>
        )}
        {list.data === null ? (
          <EmptyState title="That page link has expired">
            <Link href={hrefFor(params.tab)}>Start from the first page</Link>.
          </EmptyState>
        ) : list.data.items.length === 0 ? (
          <EmptyState title="No requests or grants here">
            {canRequest ? (
              <>
                <Link href="/access/new">Request access</Link> for someone, or import existing
                grants.
              </>
            ) : (
              'Requests and grants appear here as people ask for access.'
            )}
          </EmptyState>
        ) : (
          <>
            <GrantsTable items={list.data.items} />
            <KeysetPager
              cursor={params.cursor}
              nextCursor={list.data.nextCursor}
              hrefFor={(c) => hrefFor(params.tab, c)}
            />
          </>
        )}
      </section>
    </>
  );
}
