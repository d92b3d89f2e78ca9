import { AddConnectorForm } from '@/components/connectors/add-connector-form';
import { ConnectorActions } from '@/components/connectors/connector-actions';
import { Badge, type Tone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { LastRunCells } from '@/components/ui/last-run-cells';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import type { ConnectorRunOutcome, ConnectorStatus } from '@/server/domain/connectors/kinds';
import { CONNECTOR_ADMINS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { requireRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Connectors' };

const STATUS: Record<ConnectorStatus, { tone: Tone; label: string }> = {
  active: { tone: 'ok', label: 'active' },
  paused: { tone: 'neutral', label: 'paused' },
  needs_attention: { tone: 'danger', label: 'needs attention' },
};

const OUTCOME: Record<ConnectorRunOutcome, { tone: Tone; label: string }> = {
  running: { tone: 'brand', label: 'running' },
  succeeded: { tone: 'ok', label: 'succeeded' },
  failed: { tone: 'warn', label: 'failed' },
  needs_attention: { tone: 'danger', label: 'needs attention' },
};

const RUNS_SHOWN = 10;

export default async function ConnectorsSettingsPage() {
  if (!(await requireRole(CONNECTOR_ADMINS)))
    return <Refusal message="Connectors hold your providers' credentials: admins manage them." />;
  const caller = await serverCaller();
  const result = await guarded(() => caller.connectors.list());
  if (!result.ok) return <Refusal message={result.message} />;
  const runs = await Promise.all(
    result.data.map((c) =>
      guarded(() => caller.connectors.runs({ id: c.id, limit: RUNS_SHOWN })).then((r) =>
        r.ok ? r.data : [],
      ),
    ),
  );
  return (
    <>
      <PageHeader
        title="Connectors"
        description="Pull logs from your providers by themselves, every few minutes, through the same parsers and detectors as an upload. Each connector saves its place after every page, so a restart neither loses nor repeats an event."
      />
      <div className="card">
        <h2 className="mb-12">Add a connector</h2>
        <AddConnectorForm />
      </div>
      <div className="card">
        {result.data.length === 0 ? (
          <EmptyState title="No connectors yet">Add one above.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Source</th>
                  <th>Status</th>
                  <th>Schedule</th>
                  <th>Last success</th>
                  <th>Last error</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.data.map((c) => (
                  <tr key={c.id} data-testid={`connector-${c.name}`}>
                    <td className="strong">
                      {c.name}
                      <div className="muted small">{c.kindLabel}</div>
                    </td>
                    <td className="small">
                      <span className="mono">{c.target}</span>
                      <div className="muted">token {c.secretHint}</div>
                    </td>
                    <td>
                      <Badge tone={STATUS[c.status].tone} testId="connector-status">
                        {STATUS[c.status].label}
                      </Badge>
                      {c.running && <div className="muted small">running now</div>}
                    </td>
                    <td className="small">
                      every {c.intervalMinutes} min
                      {c.status === 'active' && c.nextRunAt && (
                        <div className="muted">next {formatDateTime(c.nextRunAt)}</div>
                      )}
                    </td>
                    <LastRunCells
                      lastSuccessAt={c.lastSuccessAt}
                      lastError={c.lastError}
                      lastErrorAt={c.lastErrorAt}
                    />
                    <td>
                      <ConnectorActions id={c.id} name={c.name} status={c.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {result.data.map((c, i) => (
        <div className="card" key={c.id} data-testid={`connector-runs-${c.name}`}>
          <h2 className="mb-12">Recent runs of {c.name}</h2>
          {runs[i]!.length === 0 ? (
            <p className="muted small">No runs yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Started</th>
                    <th>Outcome</th>
                    <th className="num">Pages</th>
                    <th className="num">Received</th>
                    <th className="num">Inserted</th>
                    <th className="num">Duplicates</th>
                    <th className="num">Errors</th>
                    <th>Message</th>
                  </tr>
                </thead>
                <tbody>
                  {runs[i]!.map((r) => (
                    <tr key={r.id}>
                      <td className="small">
                        {formatDateTime(r.startedAt)}
                        <div className="muted">{r.trigger}</div>
                      </td>
                      <td>
                        <Badge tone={OUTCOME[r.outcome].tone}>{OUTCOME[r.outcome].label}</Badge>
                      </td>
                      <td className="num">{r.pages}</td>
                      <td className="num">{r.received}</td>
                      <td className="num">{r.inserted}</td>
                      <td className="num">{r.duplicates}</td>
                      <td className="num">{r.errors}</td>
                      <td className="small">{r.message ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
    </>
  );
}
