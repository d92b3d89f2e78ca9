import Link from 'next/link';
import { GettingStartedPanel } from '@/components/overview/getting-started';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { CAMPAIGN_READERS, INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCallerOwnTransactions } from '@/server/trpc/server-caller';
import { DashboardPanels, SignalsOverTimePanel, SummaryPanels } from './_panels/overview';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const [caller, role] = await Promise.all([serverCallerOwnTransactions(), pageRole()]);
  // Every read starts at once, each in its own transaction as before: the top-people query is
  // slow enough that in a shared transaction it held the other reads behind it (up to ×1.09 at
  // p50). Nor does the overview stream: its panels all wait on that one read, so streaming only
  // added chunks and measured 14 % slower (docs/BENCHMARKS.md §"Pages: thin and parallel").
  const [org, inbox, dashboard, overTime, summary, firstSteps] = await Promise.all([
    caller.organization.get(),
    caller.access.inbox(),
    caller.overview.dashboard(),
    guarded(() => caller.overview.signalsOverTime({ days: 30 })),
    caller.overview.summary(),
    can(role, INVENTORY_EDITORS) ? caller.overview.gettingStarted() : null,
  ]);
  return (
    <>
      <PageHeader
        title="Overview"
        description={`${org.name}: who is risky, what needs attention, and what has happened recently.`}
      />
      {firstSteps && <GettingStartedPanel state={firstSteps} isAdmin={role === 'admin'} />}
      {inbox.length > 0 && (
        <Alert tone="warn" role="status" className="mb-16">
          {inbox.length === 1
            ? '1 access request waits for your approval. '
            : `${inbox.length} access requests wait for your approval. `}
          <Link href="/access">Open the approvals inbox</Link>
        </Alert>
      )}
      <DashboardPanels dashboard={dashboard} linkCampaigns={can(role, CAMPAIGN_READERS)} />
      <SignalsOverTimePanel overTime={overTime} />
      <SummaryPanels summary={summary} />
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
