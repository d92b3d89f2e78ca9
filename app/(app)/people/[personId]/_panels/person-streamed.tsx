import Link from 'next/link';
import { GrantsTable } from '@/components/access/grants-table';
import { PersonAttestations } from '@/components/attestations/person-attestations';
import type { AssigneeOption, CaseOption } from '@/components/cases/escalate-form';
import { SubjectCases } from '@/components/cases/subject-cases';
import { PersonRiskSection } from '@/components/risk/person-risk-section';
import { PersonMatches } from '@/components/screening/person-matches';
import { kindLabel as signalKindLabel, SeverityBadge } from '@/components/signals/labels';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import type { Guarded } from '@/server/trpc/page-guard';
import type {
  PersonAttestationList,
  PersonCaseList,
  PersonDetail,
  PersonGrants,
  PersonMatch,
  PersonRisk,
  PersonTimeline,
} from './types';

// Panels that stream: each awaits the read the page started for it, inside its own <Suspense>.

/** The screening card's alert when a watchlist match is open or confirmed. */
export async function WatchlistAlert({ matches }: { matches: Promise<PersonMatch[]> }) {
  const list = await matches;
  if (!list.some((m) => m.status !== 'false_positive')) return null;
  const confirmed = list.some((m) => m.status === 'confirmed');
  return (
    <div
      className={`alert ${confirmed ? 'alert-error' : 'alert-warn'}`}
      data-testid="watchlist-alert"
    >
      {confirmed
        ? 'Confirmed watchlist match: see below.'
        : 'A watchlist match awaits review: see below.'}
    </div>
  );
}

export async function PersonRiskPanel({ risk }: { risk: Promise<Guarded<PersonRisk>> }) {
  const r = await risk;
  return r.ok ? <PersonRiskSection risk={r.data} /> : null;
}

export async function PersonAccessPanel({
  p,
  grants,
  canRequest,
}: {
  p: PersonDetail;
  grants: Promise<Guarded<PersonGrants>>;
  canRequest: boolean;
}) {
  const g = await grants;
  return (
    <section className="card mt-16" aria-labelledby="access-heading">
      <div className="card-header">
        <h2 id="access-heading">Access</h2>
        {canRequest && (
          <Link className="btn btn-small" href={`/access/new?personId=${p.id}`}>
            Request access
          </Link>
        )}
      </div>
      {!g.ok ? (
        <p className="muted">{g.message}</p>
      ) : g.data.items.length === 0 ? (
        <EmptyState title="No grants or requests">
          Access requested for {p.fullName}, and grants they hold, appear here.
        </EmptyState>
      ) : (
        <GrantsTable items={g.data.items} hidePerson testId="person-grants" />
      )}
    </section>
  );
}

export async function PersonCasesPanel({
  p,
  cases,
  escalation,
}: {
  p: PersonDetail;
  cases: Promise<PersonCaseList>;
  escalation: Promise<{ openCases: CaseOption[]; assignees: AssigneeOption[] }> | null;
}) {
  const [list, escalate] = await Promise.all([cases, escalation]);
  return (
    <SubjectCases
      cases={list.items}
      subject={{ personIds: [p.id] }}
      defaultTitle={`Investigation: ${p.fullName}`}
      escalation={escalate}
    />
  );
}

export async function PersonAttestationsPanel({
  p,
  attestations,
}: {
  p: PersonDetail;
  attestations: Promise<PersonAttestationList>;
}) {
  return <PersonAttestations items={await attestations} name={p.fullName} />;
}

export async function PersonMatchesPanel({
  p,
  matches,
}: {
  p: PersonDetail;
  matches: Promise<PersonMatch[]>;
}) {
  return <PersonMatches matches={await matches} lastScreenedAt={p.lastScreenedAt} />;
}

export async function PersonTimelinePanel({
  p,
  timeline,
}: {
  p: PersonDetail;
  timeline: Promise<PersonTimeline>;
}) {
  const items = await timeline;
  return (
    <section className="card mt-16" aria-labelledby="timeline-heading">
      <div className="card-header">
        <h2 id="timeline-heading">Activity and signals</h2>
        <Link className="btn btn-small" href={`/signals?personId=${p.id}`}>
          Their signals
        </Link>
      </div>
      {items.length === 0 ? (
        <EmptyState title="No activity yet">
          Events from ingested access logs and the signals they raise appear here.
        </EmptyState>
      ) : (
        <ol className="timeline" data-testid="person-timeline">
          {items.map((item) =>
            item.type === 'signal' ? (
              <li key={`s-${item.signal.id}`}>
                <div className="row gap-6">
                  <SeverityBadge severity={item.signal.severity} />
                  <Link className="strong" href={`/signals/${item.signal.id}`}>
                    {signalKindLabel(item.signal.kind)}
                  </Link>
                  <span className="muted small">
                    {formatDateTime(item.at)} · {item.signal.status}
                  </span>
                </div>
                <div className="small">{item.signal.explanation}</div>
              </li>
            ) : (
              <li key={`e-${item.event.id}`}>
                <div className="small">
                  <span className="mono">{item.event.action}</span>
                  {item.event.systemName && <> on {item.event.systemName}</>}
                  {item.event.recordCount > 1 && <> · {item.event.recordCount} records</>}
                  {item.event.outcome === 'failure' && (
                    <span className="badge badge-danger">failed</span>
                  )}
                </div>
                <div className="muted small">
                  {formatDateTime(item.at)} · {item.event.source}
                  {item.event.country && ` · ${item.event.country}`}
                  {item.event.ip && ` · ${item.event.ip}`}
                </div>
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}
