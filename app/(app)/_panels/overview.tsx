import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { SignalsOverTimeChart } from '@/components/charts/signals-over-time-chart';
import { AccessReviewPanel } from '@/components/overview/access-review-panel';
import { AttestationPanel } from '@/components/overview/attestation-panel';
import { RiskPanels, WorkloadStats } from '@/components/overview/risk-panels';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { ROLE_LABELS, ROLES } from '@/server/domain/tenancy/roles';
import type { Guarded } from '@/server/trpc/page-guard';
import type { AppRouter } from '@/server/trpc/root';

// The overview's panels, from the reads the page made together.

type Outputs = inferRouterOutputs<AppRouter>;

export function DashboardPanels({
  dashboard: d,
  linkCampaigns,
}: {
  dashboard: Outputs['overview']['dashboard'];
  linkCampaigns: boolean;
}) {
  return (
    <>
      <WorkloadStats data={d} />
      <AccessReviewPanel campaigns={d.accessReviews} linkCampaigns={linkCampaigns} />
      {d.risk && <RiskPanels risk={d.risk} />}
      {d.attestations && <AttestationPanel data={d.attestations} />}
    </>
  );
}

export function SignalsOverTimePanel({
  overTime,
}: {
  overTime: Guarded<Outputs['overview']['signalsOverTime']>;
}) {
  return (
    <>
      {overTime.ok && (
        <div className="card mt-16">
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
              <p className="muted small flush mt-4">
                By the day the behaviour happened (UTC). Click a bar for the signals behind it.
              </p>
            </>
          )}
        </div>
      )}
    </>
  );
}

export function SummaryPanels({ summary }: { summary: Outputs['overview']['summary'] }) {
  return (
    <>
      <div className="grid cols-4 mt-16">
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
        <div className="card mt-16">
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
    </>
  );
}
