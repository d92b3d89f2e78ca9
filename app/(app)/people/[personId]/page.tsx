import Link from 'next/link';
import {
  BACKGROUND_CHECK_BADGES,
  BACKGROUND_CHECK_LABELS,
  IDENTIFIER_LABELS,
  PERSON_TYPE_BADGES,
  PERSON_TYPE_LABELS,
  WORK_MODE_LABELS,
} from '@/components/people/labels';
import { ScreeningBadge } from '@/components/people/screening-badge';
import { MATCH_STATUSES } from '@/components/screening/labels';
import { PersonMatches } from '@/components/screening/person-matches';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { Field } from '@/components/ui/facts';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { IDENTIFIER_KINDS, type IdentifierKind } from '@/server/domain/inventory/identifiers';
import { GrantsTable } from '@/components/access/grants-table';
import { SubjectCases } from '@/components/cases/subject-cases';
import { PersonAttestations } from '@/components/attestations/person-attestations';
import {
  ACCESS_ACTORS,
  ATTESTATION_READERS,
  CASE_READERS,
  INVENTORY_EDITORS,
  INVESTIGATORS,
  SCREENING_READERS,
  SIGNAL_READERS,
} from '@/server/domain/tenancy/roles';
import { kindLabel as signalKindLabel, SeverityBadge } from '@/components/signals/labels';
import { PersonRiskSection } from '@/components/risk/person-risk-section';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';
import { isoDay } from '@/server/domain/time';

export const metadata = { title: 'Person' };

const none = <span className="muted">—</span>;

function kindLabel(kind: string): string {
  return (IDENTIFIER_KINDS as readonly string[]).includes(kind)
    ? IDENTIFIER_LABELS[kind as IdentifierKind]
    : kind;
}

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const caller = await serverCaller();
  const [me, result] = await Promise.all([
    caller.session.me(),
    guarded(() => caller.people.get({ personId })),
  ]);
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Person not found' : undefined}
        message={
          result.code === 'NOT_FOUND' && me.active?.role === 'manager'
            ? 'Managers see only themselves and their direct reports.'
            : result.message
        }
      />
    );
  const p = result.data;
  const role = me.active?.role;
  const grants = await guarded(() => caller.access.list({ personId, status: 'all', limit: 50 }));
  const canRequest = role !== undefined && ACCESS_ACTORS.includes(role);
  const canEdit = role !== undefined && INVENTORY_EDITORS.includes(role);
  // Managers see only themselves and their reports: link only to people they can open.
  const visible =
    role === 'manager' ? new Set((await caller.people.options()).map((o) => o.id)) : null;
  const canOpen = (id: string) => visible === null || visible.has(id);
  // Watchlist matches are for screening readers only (managers never see them).
  const matches =
    role !== undefined && SCREENING_READERS.includes(role)
      ? (
          await Promise.all(
            MATCH_STATUSES.map((status) => caller.screening.matches({ status, personId: p.id })),
          )
        ).flat()
      : null;
  const timeline =
    role !== undefined && SIGNAL_READERS.includes(role)
      ? await caller.signals.timeline({ personId: p.id, limit: 15 })
      : null;
  const risk = await guarded(() => caller.risk.person({ personId: p.id }));
  const today = isoDay(new Date());
  // Managers never see cases (spec/README.md roles table); investigators may open one here.
  const personCases =
    role !== undefined && CASE_READERS.includes(role)
      ? await caller.cases.list({ personId: p.id, status: 'all', limit: 20 })
      : null;
  const escalation =
    role !== undefined && INVESTIGATORS.includes(role)
      ? await Promise.all([caller.cases.openOptions(), caller.cases.assigneeOptions()]).then(
          ([openCases, assignees]) => ({ openCases, assignees }),
        )
      : null;
  const ended = p.endDate !== null && p.endDate < today;
  const attestations =
    role !== undefined && ATTESTATION_READERS.includes(role)
      ? await caller.attestations.personHistory({ personId: p.id })
      : null;

  return (
    <>
      <PageHeader
        title={p.fullName}
        description={[p.title, p.department].filter(Boolean).join(' · ') || p.email}
        actions={
          <>
            <Link className="btn" href="/people">
              All people
            </Link>
            {canEdit && (
              <Link className="btn btn-primary" href={`/people/${p.id}/edit`}>
                Edit
              </Link>
            )}
          </>
        }
      />
      <div className="grid cols-2">
        <section className="card stack" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <dl className="grid cols-2" style={{ margin: 0, gap: 12 }}>
            <Field label="Email" wide>
              {p.email}
            </Field>
            <Field label="Type">
              <span className={`badge ${PERSON_TYPE_BADGES[p.type]}`}>
                {PERSON_TYPE_LABELS[p.type]}
              </span>
            </Field>
            <Field label="Title">{p.title}</Field>
            <Field label="Department">{p.department}</Field>
          </dl>
        </section>
        <section className="card stack" aria-labelledby="screening-heading">
          <div className="card-header" style={{ margin: 0 }}>
            <h2 id="screening-heading">Screening</h2>
            <ScreeningBadge screening={p.screening} showMissing={false} />
          </div>
          {p.screening.state !== 'screened' && (
            <div
              className={`alert ${p.screening.state === 'failed' ? 'alert-error' : 'alert-warn'}`}
            >
              {p.screening.state === 'failed' ? 'Screening failed: ' : 'Still missing: '}
              {p.screening.missing.join(', ')}.
            </div>
          )}
          {matches?.some((m) => m.status !== 'false_positive') && (
            <div
              className={`alert ${matches.some((m) => m.status === 'confirmed') ? 'alert-error' : 'alert-warn'}`}
              data-testid="watchlist-alert"
            >
              {matches.some((m) => m.status === 'confirmed')
                ? 'Confirmed watchlist match: see below.'
                : 'A watchlist match awaits review: see below.'}
            </div>
          )}
          <dl className="grid cols-2" style={{ margin: 0, gap: 12 }}>
            <Field label="Identity verified">
              {p.identityVerifiedAt ? formatDateTime(p.identityVerifiedAt) : 'Not verified'}
            </Field>
            <Field label="Background check">
              <span className={`badge ${BACKGROUND_CHECK_BADGES[p.backgroundCheckStatus]}`}>
                {BACKGROUND_CHECK_LABELS[p.backgroundCheckStatus]}
              </span>
              {p.backgroundCheckAt && (
                <span className="muted small"> on {formatDate(p.backgroundCheckAt)}</span>
              )}
            </Field>
          </dl>
        </section>
      </div>

      {risk.ok && <PersonRiskSection risk={risk.data} />}

      <section
        className="card stack"
        style={{ marginTop: 16 }}
        aria-labelledby="employment-heading"
      >
        <h2 id="employment-heading">Employment</h2>
        <dl className="grid cols-4" style={{ margin: 0, gap: 12 }}>
          <Field label="Vendor">
            {p.vendorId && p.vendorName ? (
              <>
                <Link href={`/vendors/${p.vendorId}`}>{p.vendorName}</Link>
                {p.vendorStatus && p.vendorStatus !== 'active' && (
                  <>
                    {' '}
                    <span className="badge badge-warn">{p.vendorStatus}</span>
                  </>
                )}
              </>
            ) : (
              none
            )}
          </Field>
          <Field label="Manager">
            {p.managerId && p.managerName ? (
              canOpen(p.managerId) ? (
                <Link href={`/people/${p.managerId}`}>{p.managerName}</Link>
              ) : (
                p.managerName
              )
            ) : (
              none
            )}
          </Field>
          <Field label="Start date">{p.startDate ? formatDate(p.startDate) : none}</Field>
          <Field label="End date">
            {p.endDate ? (
              <>
                {formatDate(p.endDate)} {ended && <span className="badge">ended</span>}
              </>
            ) : (
              none
            )}
          </Field>
          <Field label="Location">{p.location}</Field>
          <Field label="Country">{p.country}</Field>
          <Field label="Time zone">{p.timezone}</Field>
          <Field label="Work mode">{p.workMode ? WORK_MODE_LABELS[p.workMode] : none}</Field>
        </dl>
        <div>
          <h3 style={{ marginBottom: 6 }}>Direct reports</h3>
          {p.reports.length === 0 ? (
            <p className="muted small" style={{ margin: 0 }}>
              Nobody reports to {p.fullName}.
            </p>
          ) : (
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="reports">
              {p.reports.map((r) => (
                <li key={r.id}>
                  {canOpen(r.id) ? <Link href={`/people/${r.id}`}>{r.fullName}</Link> : r.fullName}
                  {r.title && <span className="muted small"> · {r.title}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section className="card" style={{ marginTop: 16 }} aria-labelledby="identifiers-heading">
        <div className="card-header">
          <h2 id="identifiers-heading">Identifiers</h2>
          <span className="muted small">Normalized for exact matching</span>
        </div>
        {p.identifiers.length === 0 ? (
          <EmptyState title="No identifiers recorded" />
        ) : (
          <div className="table-wrap">
            <table data-testid="identifiers">
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Normalized value</th>
                  <th>As entered</th>
                </tr>
              </thead>
              <tbody>
                {p.identifiers.map((i) => (
                  <tr key={`${i.kind}:${i.value}`} data-testid={`identifier-${i.kind}`}>
                    <td>{kindLabel(i.kind)}</td>
                    <td className="mono" style={{ wordBreak: 'break-all' }}>
                      {i.value}
                    </td>
                    <td className="muted small" style={{ wordBreak: 'break-all' }}>
                      {i.raw}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" style={{ marginTop: 16 }} aria-labelledby="access-heading">
        <div className="card-header">
          <h2 id="access-heading">Access</h2>
          {canRequest && (
            <Link className="btn btn-small" href={`/access/new?personId=${p.id}`}>
              Request access
            </Link>
          )}
        </div>
        {!grants.ok ? (
          <p className="muted">{grants.message}</p>
        ) : grants.data.items.length === 0 ? (
          <EmptyState title="No grants or requests">
            Access requested for {p.fullName}, and grants they hold, appear here.
          </EmptyState>
        ) : (
          <GrantsTable items={grants.data.items} hidePerson testId="person-grants" />
        )}
      </section>
      {personCases && (
        <SubjectCases
          cases={personCases.items}
          subject={{ personIds: [p.id] }}
          defaultTitle={`Investigation: ${p.fullName}`}
          escalation={escalation}
        />
      )}
      {attestations && <PersonAttestations items={attestations} name={p.fullName} />}
      {matches && <PersonMatches matches={matches} lastScreenedAt={p.lastScreenedAt} />}
      {timeline && (
        <section className="card" style={{ marginTop: 16 }} aria-labelledby="timeline-heading">
          <div className="card-header">
            <h2 id="timeline-heading">Activity and signals</h2>
            <Link className="btn btn-small" href={`/signals?personId=${p.id}`}>
              Their signals
            </Link>
          </div>
          {timeline.length === 0 ? (
            <EmptyState title="No activity yet">
              Events from ingested access logs and the signals they raise appear here.
            </EmptyState>
          ) : (
            <ol className="timeline" data-testid="person-timeline">
              {timeline.map((item) =>
                item.type === 'signal' ? (
                  <li key={`s-${item.signal.id}`}>
                    <div className="row" style={{ gap: 6 }}>
                      <SeverityBadge severity={item.signal.severity} />
                      <Link href={`/signals/${item.signal.id}`} style={{ fontWeight: 600 }}>
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
      )}
    </>
  );
}
