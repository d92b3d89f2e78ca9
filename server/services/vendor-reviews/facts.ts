import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { vendorReviewFindings } from '@/db/schema';
import { OPEN_FINDING_STATUSES, type FindingSeverity } from '@/server/domain/vendor-reviews/review';

/** Open findings per vendor, for the vendor risk scorer (docs/RISK.md §Vendor score). */
export async function openFindingsByVendor(
  tx: Tx,
  orgId: string,
): Promise<Map<string, { id: string; severity: FindingSeverity }[]>> {
  const rows = await tx
    .select({
      id: vendorReviewFindings.id,
      vendorId: vendorReviewFindings.vendorId,
      severity: vendorReviewFindings.severity,
    })
    .from(vendorReviewFindings)
    .where(
      and(
        eq(vendorReviewFindings.orgId, orgId),
        inArray(vendorReviewFindings.status, [...OPEN_FINDING_STATUSES]),
      ),
    );
  const byVendor = new Map<string, { id: string; severity: FindingSeverity }[]>();
  for (const r of rows) {
    const list = byVendor.get(r.vendorId) ?? [];
    list.push({ id: r.id, severity: r.severity });
    byVendor.set(r.vendorId, list);
  }
  return byVendor;
}
