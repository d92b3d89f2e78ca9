import Link from 'next/link';
import type { AssigneeOption, CaseOption } from '@/components/cases/escalate-form';
import { SubjectCases } from '@/components/cases/subject-cases';
import { VendorRiskSection, type VendorRiskView } from '@/components/risk/vendor-risk-section';
import { SensitivityBadge } from '@/components/systems/labels';
import { EmptyState } from '@/components/ui/empty-state';
import { VendorReviewsSection } from '@/components/vendor-reviews/vendor-reviews-section';
import type { Guarded } from '@/server/trpc/page-guard';
import type { VendorCases, VendorDetail, VendorReach } from './types';

// Panels that stream: each awaits the read the page started for it, inside its own <Suspense>.

export async function VendorRiskPanel({ risk }: { risk: Promise<Guarded<VendorRiskView>> }) {
  const r = await risk;
  return r.ok ? <VendorRiskSection risk={r.data} /> : null;
}

export async function VendorReviewsPanel({
  v,
  reviews,
  canStart,
}: {
  v: VendorDetail;
  reviews: Promise<Guarded<Parameters<typeof VendorReviewsSection>[0]['summary']>>;
  canStart: boolean;
}) {
  // Managers see the reviews of vendors they own; the section is left out for the others.
  const r = await reviews;
  if (!r.ok) return null;
  return (
    <VendorReviewsSection
      vendorId={v.id}
      vendorStatus={v.status}
      summary={r.data}
      canStart={canStart}
    />
  );
}

export async function VendorCasesPanel({
  v,
  cases,
  escalation,
}: {
  v: VendorDetail;
  cases: Promise<VendorCases>;
  escalation: Promise<{ openCases: CaseOption[]; assignees: AssigneeOption[] }> | null;
}) {
  const [list, escalate] = await Promise.all([cases, escalation]);
  return (
    <SubjectCases
      cases={list.items}
      subject={{ vendorIds: [v.id] }}
      defaultTitle={`Investigation: ${v.name}`}
      escalation={escalate}
    />
  );
}

export async function VendorReachPanel({
  vendorId,
  reach,
}: {
  vendorId: string;
  reach: Promise<VendorReach>;
}) {
  const rows = await reach;
  return (
    <section className="card mt-16" aria-labelledby="reach-heading">
      <h2 className="mb-12" id="reach-heading">
        Systems they reach
      </h2>
      {rows.length === 0 ? (
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
              {rows.map((r) => (
                <tr key={r.systemId}>
                  <td>
                    <Link className="strong" href={`/systems/${r.systemId}`}>
                      {r.systemName}
                    </Link>
                  </td>
                  <td>{r.people}</td>
                  <td>
                    <Link href={`/access?tab=active&vendorId=${vendorId}`}>{r.grants}</Link>
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
  );
}
