import { CreateSiemDestinationForm } from '@/components/siem/create-siem-destination-form';
import { SiemDestinationActions } from '@/components/siem/siem-destination-actions';
import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { LastRunCells } from '@/components/ui/last-run-cells';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import type { SiemStatus } from '@/server/domain/siem/inputs';
import { SIEM_ADMINS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'SIEM streaming' };

const STATUS: Record<SiemStatus, { tone: Tone; label: string }> = {
  active: { tone: 'ok', label: 'active' },
  paused: { tone: 'neutral', label: 'paused' },
  needs_attention: { tone: 'danger', label: 'needs attention' },
};

export default async function SiemSettingsPage() {
  const caller = await serverCaller();
  const [role, result] = await Promise.all([pageRole(), guarded(() => caller.siem.list())]);
  if (!result.ok) return <Refusal message={result.message} />;
  const canManage = can(role, SIEM_ADMINS);
  return (
    <>
      <PageHeader
        title="SIEM streaming"
        description="Stream signals and the audit log to your SIEM over syslog (RFC 5424, TCP or TLS) or to Splunk HTTP Event Collector. Each destination keeps its own checkpoints, so a restart neither loses nor repeats a record."
      />
      {canManage && (
        <div className="card">
          <h2 className="mb-12">Add a destination</h2>
          <CreateSiemDestinationForm />
        </div>
      )}
      <div className="card">
        {result.data.length === 0 ? (
          <EmptyState title="No SIEM destinations yet">
            {canManage ? 'Add one above.' : 'An admin can add one.'}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Destination</th>
                  <th>Streams</th>
                  <th>Status</th>
                  <th>Behind</th>
                  <th>Last success</th>
                  <th>Last error</th>
                  {canManage && (
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {result.data.map((d) => (
                  <tr key={d.id} data-testid={`siem-${d.name}`}>
                    <td className="strong">
                      {d.name}
                      <div className="muted small">
                        {d.kind === 'syslog' ? 'Syslog' : 'Splunk HEC'}
                      </div>
                    </td>
                    <td className="small">
                      <span className="mono">{d.target}</span>
                      {d.tokenHint && <div className="muted">token {d.tokenHint}</div>}
                    </td>
                    <td>
                      {d.sources.map((s) => (
                        <Badge key={s} tone="brand" className="mr-4">
                          {s}
                        </Badge>
                      ))}
                    </td>
                    <td>
                      <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Badge>
                      {d.failures > 0 && (
                        <div className="muted small">
                          {d.failures} failed {d.failures === 1 ? 'try' : 'tries'}
                          {d.nextAttemptAt && `, next ${formatDateTime(d.nextAttemptAt)}`}
                        </div>
                      )}
                    </td>
                    <td className="small">
                      {d.sources.includes('signals') && <div>{d.lag.signals} events</div>}
                      {d.sources.includes('audit') && <div>{d.lag.audit} audit entries</div>}
                    </td>
                    <LastRunCells
                      lastSuccessAt={d.lastSuccessAt}
                      lastError={d.lastError}
                      lastErrorAt={d.lastErrorAt}
                    />
                    {canManage && (
                      <td>
                        <SiemDestinationActions
                          id={d.id}
                          name={d.name}
                          paused={d.status === 'paused'}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
