import Link from 'next/link';
import { SignalsOverTimeChart } from '@/components/charts/signals-over-time-chart';
import { AccessReviewPanel } from '@/components/overview/access-review-panel';
import { AttestationPanel } from '@/components/overview/attestation-panel';
import { RiskPanels, WorkloadStats } from '@/components/overview/risk-panels';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { CAMPAIGN_READERS, ROLE_LABELS, ROLES } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const caller = await serverCaller();
  const [me, org, summary, inbox, dashboard, overTime] = await Promise.all([
    caller.session.me(),
    caller.organization.get(),
    caller.overview.summary(),
    caller.access.inbox(),
    caller.overview.dashboard(),
    guarded(() => caller.overview.signalsOverTime({ days: 30 })),
  ]);
  return (
    <>
      <PageHeader
        title="Overview"
        description={`${org.name}: who is risky, what needs attention, and what has happened recently.`}
      />
      {inbox.length > 0 && (
        <div className="alert alert-warn" role="status" style={{ marginBottom: 16 }}>
          {inbox.length === 1
            ? '1 access request waits for your approval. '
            : `${inbox.length} access requests wait for your approval. `}
          <Link href="/access">Open the approvals inbox</Link>
        </div>
      )}
      <WorkloadStats data={dashboard} />
      <AccessReviewPanel
        campaigns={dashboard.accessReviews}
        linkCampaigns={CAMPAIGN_READERS.includes(me.active?.role ?? 'manager')}
      />
      {dashboard.risk && <RiskPanels risk={dashboard.risk} />}
      {dashboard.attestations && <AttestationPanel data={dashboard.attestations} />}
      {overTime.ok && (
        <div className="card" style={{ marginTop: 16 }}>
          <div className="card-header">
            <h2>Signals over the last 30 days</h2>
            <Link href="/signals">Open the signal queue</Link>
          </div>
          {overTime.data.kinds.length === 0 ? (
            <EmptyState title="No signals in the last 30 days">
              Detectors run after every log upload; what they find is counted here by day and kind.
            </EmptyState>
          ) : (
            <>
              <SignalsOverTimeChart data={overTime.data} />
              <p className="muted small" style={{ margin: '4px 0 0' }}>
                By the day the behaviour happened (UTC). Click a bar for the signals behind it.
              </p>
            </>
          )}
        </div>
      )}
      <div className="grid cols-4" style={{ marginTop: 16 }}>
        <div className="card stat">
          <span className="label">Active members</span>
          <span className="value" data-testid="stat-members">
            {summary.activeMembers}
          </span>
          <span className="hint">
            {ROLES.map((r) => `${summary.membersByRole[r]} ${ROLE_LABELS[r].toLowerCase()}`).join(
              ' · ',
            )}
          </span>
        </div>
        <div className="card stat">
          <span className="label">Active API keys</span>
          <span className="value">{summary.activeApiKeys}</span>
          <span className="hint">Used by log forwarders and scripts</span>
        </div>
        {summary.audit && (
          <>
            <div className="card stat">
              <span className="label">Sign-ins, last 24 h</span>
              <span className="value">{summary.audit.signInsToday}</span>
              <span className="hint">{summary.audit.failedSignInsToday} failed</span>
            </div>
            <div className="card stat">
              <span className="label">Audit entries</span>
              <span className="value">{summary.audit.entries}</span>
              <span className="hint">Hash-chained, append-only</span>
            </div>
          </>
        )}
      </div>
      {summary.audit && (
        <div className="card" style={{ marginTop: 16 }}>
          <div className="card-header">
            <h2>Recent activity</h2>
            <Link href="/audit">Open the audit log</Link>
          </div>
          {summary.audit.recent.length === 0 ? (
            <EmptyState title="No activity yet" />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Who</th>
                    <th>Action</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.audit.recent.map((e) => (
                    <tr key={e.seq}>
                      <td className="small">{formatDateTime(e.occurredAt)}</td>
                      <td>{e.actorLabel}</td>
                      <td>
                        <code>{e.action}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      <div className="card" style={{ marginTop: 16 }}>
        <h2 style={{ marginBottom: 8 }}>Your organization</h2>
        <p className="muted" style={{ margin: 0 }}>
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
