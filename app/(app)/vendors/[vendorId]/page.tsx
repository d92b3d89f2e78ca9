import Link from 'next/link';
import { Suspense } from 'react';
import { z } from 'zod';
import { PanelFallback } from '@/components/panels/panel-fallback';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { StatusBadge, TierBadge } from '@/components/vendors/badges';
import { ChangeStatusForm } from '@/components/vendors/change-status-form';
import {
  CASE_READERS,
  INVENTORY_EDITORS,
  INVESTIGATORS,
  RISK_READERS,
  VENDOR_REVIEWERS,
} from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';
import { VendorFacts } from './_panels/vendor-facts';
import { VendorHistory, VendorPeople, VendorRecords } from './_panels/vendor-records';
import {
  VendorCasesPanel,
  VendorReachPanel,
  VendorReviewsPanel,
  VendorRiskPanel,
} from './_panels/vendor-streamed';

export const metadata = { title: 'Vendor' };

export default async function VendorPage({ params }: { params: Promise<{ vendorId: string }> }) {
  const { vendorId } = await params;
  if (!z.uuid().safeParse(vendorId).success) {
    return <Refusal title="Vendor not found" message="No such vendor in this organization." />;
  }
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  // Every read starts now; the page waits only for the vendor itself, the panels stream.
  const vendor = guarded(() => caller.vendors.get({ vendorId }));
  const reach = started(caller.access.vendorSystems({ vendorId }));
  const risk = can(role, RISK_READERS)
    ? started(guarded(() => caller.risk.vendor({ vendorId })))
    : null;
  const reviews = started(guarded(() => caller.vendorReviews.forVendor({ vendorId })));
  // Managers never see cases (docs/PRODUCT.md §Roles and permissions); investigators may open one
  // here.
  const cases = can(role, CASE_READERS)
    ? started(caller.cases.list({ vendorId, status: 'all', limit: 20 }))
    : null;
  const escalation = can(role, INVESTIGATORS)
    ? started(
        Promise.all([caller.cases.openOptions(), caller.cases.assigneeOptions()]).then(
          ([openCases, assignees]) => ({ openCases, assignees }),
        ),
      )
    : null;

  const result = await vendor;
  if (!result.ok) {
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Vendor not found' : undefined}
        message={result.message}
      />
    );
  }
  const canEdit = can(role, INVENTORY_EDITORS);
  const v = result.data;

  return (
    <>
      <PageHeader
        title={v.name}
        description={
          <span className="row gap-8">
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

      {risk && (
        <Suspense fallback={<PanelFallback title="Risk" />}>
          <VendorRiskPanel risk={risk} />
        </Suspense>
      )}

      <VendorFacts v={v} />

      <Suspense fallback={<PanelFallback title="Reviews" />}>
        <VendorReviewsPanel v={v} reviews={reviews} canStart={can(role, VENDOR_REVIEWERS)} />
      </Suspense>

      {canEdit && (
        <div className="card mt-16">
          <h2 className="mb-12">Change status</h2>
          <ChangeStatusForm key={v.status} vendorId={v.id} current={v.status} />
        </div>
      )}

      <VendorRecords v={v} />
      <VendorPeople people={v.people} />

      {cases && (
        <Suspense fallback={<PanelFallback title="Cases" />}>
          <VendorCasesPanel v={v} cases={cases} escalation={escalation} />
        </Suspense>
      )}

      <Suspense fallback={<PanelFallback title="Systems they reach" />}>
        <VendorReachPanel vendorId={v.id} reach={reach} />
      </Suspense>

      <VendorHistory history={v.history} />
    </>
  );
}
