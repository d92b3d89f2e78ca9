import Link from 'next/link';
import {
  AssignForm,
  CloseCaseForm,
  NoteForm,
  RescreenForm,
  RevokeGrantForm,
  StartInvestigationButton,
  SuspendVendorForm,
} from '@/components/cases/case-controls';
import { CaseTimeline } from '@/components/cases/case-timeline';
import {
  CASE_STATUS_BADGES,
  CASE_STATUS_LABELS,
  OUTCOME_BADGES,
  OUTCOME_LABELS,
} from '@/components/cases/labels';
import { kindLabel, SeverityBadge, SIGNAL_STATUS_LABELS } from '@/components/signals/labels';
import { Note } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Fact } from '@/components/ui/facts';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { STATUS_BADGES, STATUS_LABELS } from '@/components/vendors/labels';
import { INVESTIGATORS } from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Case' };

const person = (u: { name: string | null; email: string } | null) =>
  u ? (u.name ?? u.email) : null;

export default async function CasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  // Both reads start at once; investigators need the assignees unless the case is closed.
  const assigneeOptions = can(role, INVESTIGATORS) ? started(caller.cases.assigneeOptions()) : null;
  const result = await guarded(() => caller.cases.get({ caseId }));
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Case not found' : undefined}
        message={result.message}
      />
    );
  const c = result.data;
  // Auditors read everything and see no controls (docs/PRODUCT.md §Roles and permissions).
  const canAct = can(role, INVESTIGATORS) && c.status !== 'closed';
  const assignees = canAct && assigneeOptions ? await assigneeOptions : [];
  const grants = c.people.flatMap((p) =>
    p.grants.map((g) => ({
      id: g.id,
      label: `${p.fullName}: ${g.system} · ${g.privilege} (${g.sensitivity}, ${g.status})`,
    })),
  );
  const activeVendors = c.vendors.filter((v) => v.status === 'active');

  return (
    <>
      <PageHeader
        title={`${c.reference} · ${c.title}`}
        description={
          <>
            Opened {formatDateTime(c.openedAt)} by {person(c.openedByUser) ?? 'a former member'}.{' '}
            <Link href="/cases">All cases</Link>
          </>
        }
        actions={
          <span className="row">
            <SeverityBadge severity={c.severity} />
            <span className={`badge ${CASE_STATUS_BADGES[c.status]}`} data-testid="case-status">
              {CASE_STATUS_LABELS[c.status]}
            </span>
            {c.outcome && (
              <span className={`badge ${OUTCOME_BADGES[c.outcome]}`} data-testid="case-outcome">
                {OUTCOME_LABELS[c.outcome]}
              </span>
            )}
          </span>
        }
      />
      <div className="grid cols-2">
        <section className="card stack" aria-labelledby="facts-heading">
          <h2 id="facts-heading">The case</h2>
          {c.summary && (
            <p className="flush pre-wrap" data-testid="case-summary">
              {c.summary}
            </p>
          )}
          <dl className="facts">
            <Fact label="Assignee">
              {person(c.assignee) ?? <span className="muted">Unassigned</span>}
            </Fact>
            <Fact label="Opened">{formatDateTime(c.openedAt)}</Fact>
            {c.closedAt && (
              <Fact label="Closed">
                {formatDateTime(c.closedAt)} by {person(c.closedByUser) ?? 'a former member'}
              </Fact>
            )}
            {c.closingRationale && <Fact label="Rationale">{c.closingRationale}</Fact>}
          </dl>
          {canAct && (
            <>
              <AssignForm caseId={c.id} current={c.assignee?.id ?? null} assignees={assignees} />
              {c.status === 'open' && <StartInvestigationButton caseId={c.id} />}
            </>
          )}
        </section>
        <section className="card stack" aria-labelledby="subjects-heading">
          <h2 id="subjects-heading">Subjects</h2>
          <div>
            <h3 className="small muted flush mb-4">People</h3>
            {c.people.length === 0 ? (
              <Note>None</Note>
            ) : (
              <ul className="stack flush indent gap-4">
                {c.people.map((p) => (
                  <li key={p.id} data-testid="case-person">
                    <Link href={`/people/${p.id}`}>{p.fullName}</Link>
                    {p.vendor && <span className="muted small"> · {p.vendor.name}</span>}
                    <span className="muted small">
                      {' '}
                      · {p.grants.length} live {p.grants.length === 1 ? 'grant' : 'grants'} ·
                      screened {p.lastScreenedAt ? formatDate(p.lastScreenedAt) : 'never'}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="small muted flush mb-4">Vendors</h3>
            {c.vendors.length === 0 ? (
              <Note>None</Note>
            ) : (
              <ul className="stack flush indent gap-4">
                {c.vendors.map((v) => (
                  <li key={v.id} data-testid="case-vendor">
                    <Link href={`/vendors/${v.id}`}>{v.name}</Link>{' '}
                    <span className={`badge ${STATUS_BADGES[v.status]}`}>
                      {STATUS_LABELS[v.status]}
                    </span>
                    <span className="muted small">
                      {' '}
                      · {v.liveGrants} live {v.liveGrants === 1 ? 'grant' : 'grants'}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="small muted flush mb-4">Signals ({c.signals.length})</h3>
            {c.signals.length === 0 ? (
              <Note>None</Note>
            ) : (
              <ul className="stack flush indent gap-4">
                {c.signals.map((s) => (
                  <li key={s.id} data-testid="case-signal">
                    <Link href={`/signals/${s.id}`}>{kindLabel(s.kind)}</Link>{' '}
                    <SeverityBadge severity={s.severity} />{' '}
                    <span className="badge">{SIGNAL_STATUS_LABELS[s.status] ?? s.status}</span>
                    <span className="muted small">
                      {' '}
                      · {s.person.fullName} · {formatDateTime(s.windowEnd)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      </div>
      <div className="grid cols-2 mt-16">
        <section className="card stack" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          {c.events.length === 0 ? (
            <EmptyState title="Nothing recorded yet" />
          ) : (
            <CaseTimeline events={c.events} />
          )}
          {canAct && <NoteForm caseId={c.id} />}
        </section>
        {canAct ? (
          <section className="card stack" aria-labelledby="actions-heading">
            <h2 id="actions-heading">Actions</h2>
            <Note>
              Each action runs through the same path as elsewhere in Vigil, and is recorded on the
              timeline with its result.
            </Note>
            <details open>
              <summary className="strong">Revoke access</summary>
              <RevokeGrantForm caseId={c.id} grants={grants} />
            </details>
            <details>
              <summary className="strong">Suspend a vendor</summary>
              <SuspendVendorForm caseId={c.id} vendors={activeVendors} />
            </details>
            <details>
              <summary className="strong">Request re-screening</summary>
              <RescreenForm
                caseId={c.id}
                people={c.people.map((p) => ({ id: p.id, name: p.fullName }))}
              />
            </details>
            <hr className="rule" />
            <h3 className="flush">Close the case</h3>
            <CloseCaseForm caseId={c.id} signalCount={c.signals.length} />
          </section>
        ) : (
          <section className="card stack" aria-labelledby="outcome-heading">
            <h2 id="outcome-heading">Outcome</h2>
            {c.outcome ? (
              <p className="flush">
                Closed as <strong>{OUTCOME_LABELS[c.outcome]}</strong>: {c.closingRationale}
              </p>
            ) : (
              <p className="muted flush">
                {c.status === 'closed'
                  ? 'Closed.'
                  : 'Still open. Compliance officers and admins work cases.'}
              </p>
            )}
          </section>
        )}
      </div>
    </>
  );
}
