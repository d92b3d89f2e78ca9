import { describeWindow } from '@/server/domain/signals/window';

export interface TimelineEvent {
  id: string;
  occurredAt: Date;
  action: string;
  systemName: string | null;
  city: string | null;
  country: string | null;
  ip: string | null;
  outcome: string;
  recordCount: number;
}

/** Kinds whose story is a short sequence of events rather than a daily count. */
export const TIMELINE_KINDS = new Set([
  'impossible_travel',
  'mfa_tampering',
  'dormant_account_use',
  'new_country',
  'access_after_termination',
  'privilege_change_outside_workflow',
  'credential_outside_workflow',
  'repository_exposure',
  'security_control_disabled',
  'workflow_runs_deleted',
]);
const MAX_SHOWN = 12;

/** The evidence in time order, each at the person's local time and in UTC, where it came from. */
export function EvidenceTimeline({
  events,
  timezone,
}: {
  events: TimelineEvent[];
  timezone: string | null;
}) {
  if (events.length === 0) return null;
  const shown = events.slice(0, MAX_SHOWN);
  return (
    <section className="card stack mt-16" aria-labelledby="sequence-heading">
      <h2 id="sequence-heading">What happened, in order</h2>
      <ol className="timeline" data-testid="evidence-timeline">
        {shown.map((e) => {
          const when = describeWindow(e.occurredAt, e.occurredAt, timezone);
          const place = [e.city, e.country].filter(Boolean).join(', ');
          return (
            <li key={e.id}>
              <div>
                <strong>{when.local ?? when.utc}</strong>
                {when.local && <span className="muted small"> · {when.utc}</span>}
              </div>
              <div className="small">
                <span className="mono">{e.action}</span>
                {e.systemName ? ` on ${e.systemName}` : ''}
                {place ? ` from ${place}` : ''}
                {e.ip ? <span className="muted mono"> ({e.ip})</span> : null}
                {e.recordCount > 1 ? ` · ${e.recordCount} records` : ''}
                {e.outcome === 'failure' && <span className="badge badge-danger">failed</span>}
              </div>
            </li>
          );
        })}
      </ol>
      {events.length > shown.length && (
        <p className="muted small flush">
          The first {shown.length} of {events.length}; all are in the evidence table below.
        </p>
      )}
    </section>
  );
}
