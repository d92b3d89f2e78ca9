import Link from 'next/link';
import { Suspense } from 'react';
import { CampaignStatusBadge } from '@/components/access-reviews/labels';
import { PanelFallback } from '@/components/panels/panel-fallback';
import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { firstParam } from '@/components/ui/search-params';
import { CAMPAIGN_RUNNERS } from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';
import {
  CampaignDiff,
  CampaignHistory,
  CampaignItems,
  CampaignProgress,
  CampaignScope,
} from './_panels/campaign-panels';

export const metadata = { title: 'Access-review campaign' };

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { campaignId } = await params;
  const cursor = firstParam((await searchParams).cursor);
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  const result = await guarded(() => caller.accessReviews.campaign({ campaignId, cursor }));
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Campaign not found' : undefined}
        message={result.message}
      />
    );
  const c = result.data;
  const runs = can(role, CAMPAIGN_RUNNERS);
  const canReassign = runs && c.status === 'active';
  // Both depend on the campaign's status and scope; they start together and their panels stream.
  const reviewers = started(
    canReassign ? caller.accessReviews.reviewerOptions() : Promise.resolve([]),
  );
  const inScope = started(
    runs && c.status === 'draft'
      ? caller.accessReviews.scopeCount({
          systemIds: c.scope.systemIds,
          vendorIds: c.scope.vendorIds,
          minSensitivity: c.scope.minSensitivity,
        })
      : Promise.resolve(null),
  );
  const { unassigned } = c;
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <>
            <Link href="/reviews/campaigns">Campaigns</Link> · due {formatDate(c.dueDate)}
            {c.overdue && (
              <Badge tone="danger" className="ml-6">
                Past due
              </Badge>
            )}
          </>
        }
        actions={<CampaignStatusBadge status={c.status} />}
      />
      {c.stillActive.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="still-active">
          {c.stillActive.length} revoked or shortened grant
          {c.stillActive.length === 1 ? ' is' : 's are'} still active on re-check:{' '}
          {c.stillActive
            .map((i) => `${i.person.name} · ${i.system.name} ${i.privilege}`)
            .join('; ')}
          . Revoke {c.stillActive.length === 1 ? 'it' : 'them'} from the grant page and find out who
          restored the access.
        </div>
      )}
      {unassigned > 0 && c.status === 'active' && (
        <div className="alert alert-warn" role="status">
          {unassigned} item{unassigned === 1 ? ' has' : 's have'} no eligible reviewer (no manager
          with a login, no system owner, or only the grantee): assign{' '}
          {unassigned === 1 ? 'it' : 'them'} below.
        </div>
      )}
      <div className="grid cols-2">
        <Suspense fallback={<PanelFallback title="Scope" marginTop={0} />}>
          <CampaignScope c={c} runs={runs} scopeCount={inScope} />
        </Suspense>
        <CampaignProgress c={c} />
      </div>
      {c.status !== 'draft' && (
        <Suspense fallback={<PanelFallback title="Items" />}>
          <CampaignItems
            c={c}
            cursor={cursor}
            canReassign={canReassign}
            reviewerOptions={reviewers}
          />
        </Suspense>
      )}
      {c.diff && <CampaignDiff diff={c.diff} />}
      {c.history.length > 0 && <CampaignHistory c={c} />}
    </>
  );
}
