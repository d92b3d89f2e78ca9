import Link from 'next/link';
import { Suspense } from 'react';
import { PanelFallback } from '@/components/panels/panel-fallback';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { CAMPAIGN_READERS } from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';
import { DashboardPanels, SignalsOverTimePanel, SummaryPanels } from './_panels/overview';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  // Every read starts now; the header and the approvals alert wait, the panels stream.
  const dashboard = started(caller.overview.dashboard());
  const overTime = started(guarded(() => caller.overview.signalsOverTime({ days: 30 })));
  const summary = started(caller.overview.summary());
  const [org, inbox] = await Promise.all([caller.organization.get(), caller.access.inbox()]);
  return (
    <>
      <PageHeader
        title="Overview"
        description={`${org.name}: who is risky, what needs attention, and what has happened recently.`}
      />
      {inbox.length > 0 && (
        <Alert tone="warn" role="status" className="mb-16">
          {inbox.length === 1
            ? '1 access request waits for your approval. '
            : `${inbox.length} access requests wait for your approval. `}
          <Link href="/access">Open the approvals inbox</Link>
        </Alert>
      )}
      <Suspense fallback={<PanelFallback marginTop={0} lines={4} />}>
        <DashboardPanels dashboard={dashboard} linkCampaigns={can(role, CAMPAIGN_READERS)} />
      </Suspense>
      <Suspense fallback={<PanelFallback title="Signals over the last 30 days" />}>
        <SignalsOverTimePanel signals={overTime} />
      </Suspense>
      <Suspense fallback={<PanelFallback lines={2} />}>
        <SummaryPanels summary={summary} />
      </Suspense>
      <div className="card mt-16">
        <h2 className="mb-8">Your organization</h2>
        <p className="muted flush">
          Time zone {org.settings.timezone}, working hours {org.settings.workingHours.start}–
          {org.settings.workingHours.end}
          {org.settings.highRiskCountries.length > 0
            ? `, ${org.settings.highRiskCountries.length} high-risk countries listed`
            : ', no high-risk countries listed yet'}
          . <Link href="/settings/organization">See settings</Link>
        </p>
      </div>
    </>
  );
}
