import { SensitivityBadge } from '@/components/systems/labels';
import Link from 'next/link';
import { z } from 'zod';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { Fact } from '@/components/ui/facts';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { StatusBadge, TierBadge } from '@/components/vendors/badges';
import { ChangeStatusForm } from '@/components/vendors/change-status-form';
import {
  BACKGROUND_CHECK_BADGES,
  BACKGROUND_CHECK_LABELS,
  categoryList,
  PERSON_TYPE_LABELS,
  TIER_LABELS,
} from '@/components/vendors/labels';
import { VendorRiskSection } from '@/components/risk/vendor-risk-section';
import { SubjectCases } from '@/components/cases/subject-cases';
import { VendorReviewsSection } from '@/components/vendor-reviews/vendor-reviews-section';
import {
  canAccess,
  CASE_READERS,
  INVENTORY_EDITORS,
  INVESTIGATORS,
  RISK_READERS,
  VENDOR_REVIEWERS,
} from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';
import { isoDay } from '@/server/domain/time';

export const metadata = { title: 'Vendor' };

const DAY = 86_400_000;

/** Matches the warning horizon the server uses (30 days). */
function certificationState(expiresOn: string, today: string) {
  const left = Math.round((Date.parse(expiresOn) - Date.parse(today)) / DAY);
  if (left < 0) return { label: 'Expired', badge: 'badge-danger' };
  if (left <= 30) return { label: `Expires in ${left} days`, badge: 'badge-warn' };
  return { label: 'Valid', badge: 'badge-ok' };
}

export default async function VendorPage({ params }: { params: Promise<{ vendorId: string }> }) {
  const { vendorId } = await params;
  if (!z.uuid().safeParse(vendorId).success) {
    return <Refusal title="Vendor not found" message="No such vendor in this organization." />;
  }
  const caller = await serverCaller();
  const [me, result] = await Promise.all([
    caller.session.me(),
    guarded(() => caller.vendors.get({ vendorId })),
  ]);
  if (!result.ok) {
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Vendor not found' : undefined}
        message={result.message}
      />
    );
  }
  const role = me.active?.role;
  const canEdit = role !== undefined && INVENTORY_EDITORS.includes(role);
  const v = result.data;
  const reach = await caller.access.vendorSystems({ vendorId });
  const risk =
    role !== undefined && canAccess(role, RISK_READERS)
      ? await guarded(() => caller.risk.vendor({ vendorId }))
      : null;
  // Managers see the reviews of vendors they own; the section is left out for the others.
  const reviews = await guarded(() => caller.vendorReviews.forVendor({ vendorId }));
  const today = isoDay(new Date());
  const overridden = Boolean(v.tierOverrideReason) && v.tier !== v.inherentTier;
  const q = v.questionnaire;
  // Managers never see cases (spec/README.md roles table); investigators may open one here.
  const vendorCases =
    role !== undefined && CASE_READERS.includes(role)
      ? await caller.cases.list({ vendorId: v.id, status: 'all', limit: 20 })
      : null;
  const escalation =
    role !== undefined && INVESTIGATORS.includes(role)
      ? await Promise.all([caller.cases.openOptions(), caller.cases.assigneeOptions()]).then(
          ([openCases, assignees]) => ({ openCases, assignees }),
        )
      : null;

  return (
    <>
      <PageHeader
        title={v.name}
        description={
          <span className="row" style={{ gap: 8 }}>
            <TierBadge tier={v.tier} testId="vendor-tier" />
            <StatusBadge status={v.status} testId="vendor-status" />
            {v.country && <span className="mono">{v.country}</span>}
            <Link href="/vendors">All vendors</Link>
          </span>
        }
        actions={
          canEdit && (
            <Link className="btn" href={`/vendors/${v.id}/edit`} data-testid="edit-vendor">
              Edit
            </Link>
          )
        }
      />

      {v.warnings.length > 0 && (
        <div className="alert alert-warn vendor-warnings" data-testid="vendor-warnings">
          <strong>
            {v.warnings.length === 1 ? '1 date to act on' : `${v.warnings.length} dates to act on`}
          </strong>
          <ul>
            {v.warnings.map((w) => (
              <li key={`${w.kind}-${w.message}`} data-kind={w.kind}>
                {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      {risk?.ok && <VendorRiskSection risk={risk.data} />}

      <div className="grid cols-2" style={{ marginTop: 16 }}>
        <div className="card">
          <h2 style={{ marginBottom: 12 }}>Profile</h2>
          <dl className="facts">
            <Fact label="Status">
              <StatusBadge status={v.status} />
            </Fact>
            <Fact label="Country">{v.country ?? '—'}</Fact>
            <Fact label="Owner">{v.ownerEmail ?? <span className="muted">No owner</span>}</Fact>
            <Fact label="Contract">
              {v.contractStart || v.contractEnd
                ? `${formatDate(v.contractStart)} – ${formatDate(v.contractEnd)}`
                : '—'}
            </Fact>
            <Fact label="Next review">{formatDate(v.nextReviewAt)}</Fact>
            <Fact label="Data processed">{categoryList(v.dataCategories)}</Fact>
            <Fact label="Services">
              {v.services ? (
                <span style={{ whiteSpace: 'pre-line' }}>{v.services}</span>
              ) : (
                <span className="muted">Not described</span>
              )}
            </Fact>
          </dl>
        </div>
        <div className="card">
          <h2 style={{ marginBottom: 12 }}>Risk tier</h2>
          <div className="stack" style={{ gap: 8 }}>
            <div className="row" style={{ gap: 8 }}>
              <TierBadge tier={v.tier} />
              {overridden ? (
                <span className="small" data-testid="tier-override">
                  derived {TIER_LABELS[v.inherentTier].toLowerCase()}, overridden because{' '}
                  <q>{v.tierOverrideReason}</q>
                </span>
              ) : (
                <span className="small muted">derived from the questionnaire</span>
              )}
            </div>
            <div className="small">
              {overridden ? (
                <span className="muted">
                  The questionnaire alone gives <TierBadge tier={v.derivedTier.tier} /> because:
                </span>
              ) : (
                <span className="muted">Why:</span>
              )}
              <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {v.derivedTier.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
            <dl className="facts">
              <Fact label="Data it can touch">{categoryList(q.dataCategories)}</Fact>
              <Fact label="Production access">{q.productionAccess ? 'Yes' : 'No'}</Fact>
              <Fact label="Funds or keys access">{q.fundsAccess ? 'Yes' : 'No'}</Fact>
              <Fact label="Staff with access">{q.staffWithAccess}</Fact>
            </dl>
          </div>
        </div>
      </div>

      {reviews.ok && (
        <VendorReviewsSection
          vendorId={v.id}
          vendorStatus={v.status}
          summary={reviews.data}
          canStart={role !== undefined && canAccess(role, VENDOR_REVIEWERS)}
        />
      )}

      {canEdit && (
        <div className="card" style={{ marginTop: 16 }}>
          <h2 style={{ marginBottom: 12 }}>Change status</h2>
          <ChangeStatusForm key={v.status} vendorId={v.id} current={v.status} />
        </div>
      )}

      <div className="grid cols-2" style={{ marginTop: 16 }}>
        <div className="card">
          <h2 style={{ marginBottom: 12 }}>Certifications</h2>
          {v.certifications.length === 0 ? (
            <p className="muted small" style={{ margin: 0 }}>
              None recorded.
            </p>
          ) : (
            <table data-testid="certifications">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Expires</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {v.certifications.map((c) => {
                  const state = certificationState(c.expiresOn, today);
                  return (
                    <tr key={`${c.name}-${c.expiresOn}`}>
                      <td>{c.name}</td>
                      <td className="small">{formatDate(c.expiresOn)}</td>
                      <td>
                        <span className={`badge ${state.badge}`}>{state.label}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        <div className="card">
          <h2 style={{ marginBottom: 12 }}>Sub-processors</h2>
          {v.subProcessors.length === 0 ? (
            <p className="muted small" style={{ margin: 0 }}>
              None recorded.
            </p>
          ) : (
            <table data-testid="sub-processors">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Country</th>
                  <th>Service</th>
                </tr>
              </thead>
              <tbody>
                {v.subProcessors.map((s, i) => (
                  <tr key={`${s.name}-${i}`}>
                    <td>{s.name}</td>
                    <td className="mono">{s.country ?? '—'}</td>
                    <td className="small">{s.service ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>

      <div className="card" style={{ marginTop: 16 }}>
        <h2 style={{ marginBottom: 12 }}>People</h2>
        {v.people.length === 0 ? (
          <EmptyState title="No people linked to this vendor">
            Vendor staff appear here once they are added under People with this vendor.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="vendor-people">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Identity verified</th>
                  <th>Background check</th>
                  <th>End date</th>
                </tr>
              </thead>
              <tbody>
                {v.people.map((p) => (
                  <tr key={p.id} data-testid={`vendor-person-${p.email}`}>
                    <td>
                      <Link href={`/people/${p.id}`} style={{ fontWeight: 600 }}>
                        {p.fullName}
                      </Link>
                      <div className="muted small">
                        {p.title ? `${p.title} · ` : ''}
                        {p.email}
                      </div>
                    </td>
                    <td className="small">{PERSON_TYPE_LABELS[p.type] ?? p.type}</td>
                    <td>
                      {p.identityVerifiedAt ? (
                        <span
                          className="badge badge-ok"
                          title={formatDateTime(p.identityVerifiedAt)}
                        >
                          Yes
                        </span>
                      ) : (
                        <span className="badge badge-warn">No</span>
                      )}
                    </td>
                    <td>
                      <span
                        className={`badge ${BACKGROUND_CHECK_BADGES[p.backgroundCheckStatus] ?? ''}`}
                      >
                        {BACKGROUND_CHECK_LABELS[p.backgroundCheckStatus] ??
                          p.backgroundCheckStatus}
                      </span>
                    </td>
                    <td className="small">{formatDate(p.endDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {vendorCases && (
        <SubjectCases
          cases={vendorCases.items}
          subject={{ vendorIds: [v.id] }}
          defaultTitle={`Investigation: ${v.name}`}
          escalation={escalation}
        />
      )}

      <section className="card" style={{ marginTop: 16 }} aria-labelledby="reach-heading">
        <h2 id="reach-heading" style={{ marginBottom: 12 }}>
          Systems they reach
        </h2>
        {reach.length === 0 ? (
          <EmptyState title="No live access">
            Systems appear here when this vendor’s people hold active grants.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="vendor-systems">
              <thead>
                <tr>
                  <th>System</th>
                  <th>People with access</th>
                  <th>Grants</th>
                  <th>Most sensitive privilege</th>
                </tr>
              </thead>
              <tbody>
                {reach.map((r) => (
                  <tr key={r.systemId}>
                    <td>
                      <Link href={`/systems/${r.systemId}`} style={{ fontWeight: 600 }}>
                        {r.systemName}
                      </Link>
                    </td>
                    <td>{r.people}</td>
                    <td>
                      <Link href={`/access?tab=active&vendorId=${v.id}`}>{r.grants}</Link>
                    </td>
                    <td>
                      <SensitivityBadge value={r.highest} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="card" style={{ marginTop: 16 }}>
        <h2 style={{ marginBottom: 12 }}>Status history</h2>
        <ol className="timeline" data-testid="status-history">
          {v.history.map((h) => (
            <li key={h.id}>
              <div className="row" style={{ gap: 6 }}>
                {h.fromStatus && (
                  <>
                    <StatusBadge status={h.fromStatus} />
                    <span className="muted" aria-label="to">
                      →
                    </span>
                  </>
                )}
                <StatusBadge status={h.toStatus} />
                <span className="muted small">
                  {formatDateTime(h.changedAt)}
                  {h.changedBy ? ` · ${h.changedBy}` : ''}
                </span>
              </div>
              <div className="small">{h.reason}</div>
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}
