import { and, eq } from 'drizzle-orm';
import { vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { OrgActor } from '@/server/services/shared/actor';
import { uploadReviewAttachment } from '@/server/services/vendor-reviews/attachments';
import { addReviewFinding } from '@/server/services/vendor-reviews/findings';
import {
  decideVendorReview,
  saveReviewAnswers,
  startVendorReview,
  submitVendorReview,
} from '@/server/services/vendor-reviews/review-commands';
import { daysFromToday } from './shared';

const DEMO_ANSWERS: Record<string, string> = {
  security_contact:
    'security@vendor.example; incidents reported within 24 hours by phone and email.',
  independent_audit: 'yes',
  background_checks: 'yes',
  mfa_everywhere: 'yes',
  access_offboarding: 'yes',
  data_location: 'EU (Frankfurt) and UK; sub-processors listed on the vendor page.',
  anti_bribery_training: 'yes',
};

async function* textChunks(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/**
 * Vendor reviews in three states: Ledgerline decided (approved with conditions, Chen reviewed,
 * Ada approved), Manila's periodic review under way with a finding and evidence, and Northwind's
 * onboarding review past its due date, so the vendor shows as overdue.
 */
export async function seedVendorReviews(admin: OrgActor, compliance: OrgActor) {
  const byName = await withTenant({ orgId: admin.orgId, userId: admin.userId }, (tx) =>
    tx
      .select({ id: vendors.id, name: vendors.name })
      .from(vendors)
      .where(eq(vendors.orgId, admin.orgId)),
  );
  const vendorId = (name: string) => byName.find((v) => v.name === name)!.id;

  const ledgerline = await startVendorReview(compliance, {
    vendorId: vendorId('Ledgerline KYC Services'),
    kind: 'periodic',
  });
  await saveReviewAnswers(compliance, { reviewId: ledgerline.id, answers: DEMO_ANSWERS });
  await uploadReviewAttachment(
    compliance,
    { reviewId: ledgerline.id, fileName: 'ledgerline-access-review-2026.csv' },
    textChunks(
      'reviewer,account,decision\nops-lead,kyc-admin-01,keep\nops-lead,kyc-admin-07,revoke\n',
    ),
  );
  await addReviewFinding(compliance, {
    reviewId: ledgerline.id,
    title: 'SOC 2 Type II report has lapsed',
    severity: 'medium',
    remediation: 'Obtain the bridge letter now and the new SOC 2 Type II report when issued.',
    ownerUserId: compliance.userId,
    dueOn: daysFromToday(45),
  });
  await submitVendorReview(compliance, { reviewId: ledgerline.id });
  await decideVendorReview(admin, {
    reviewId: ledgerline.id,
    decision: 'approved_with_conditions',
    conditions: 'Provide the SOC 2 bridge letter within 45 days and the new report when issued.',
    rationale: 'Controls answered well; the audit gap is timing, not substance.',
  });

  const manila = await startVendorReview(compliance, {
    vendorId: vendorId('Manila Support Partners'),
    kind: 'periodic',
    dueOn: daysFromToday(14),
  });
  const { mfa_everywhere: _unanswered, ...partial } = DEMO_ANSWERS;
  await saveReviewAnswers(compliance, {
    reviewId: manila.id,
    answers: { ...partial, access_offboarding: 'no' },
  });
  await uploadReviewAttachment(
    compliance,
    { reviewId: manila.id, fileName: 'manila-offboarding-policy.txt' },
    textChunks(
      "Offboarding policy v3\nAccess is removed at the end of the agent's last shift; contractor accounts are reviewed monthly.\n",
    ),
  );
  await addReviewFinding(compliance, {
    reviewId: manila.id,
    title: 'Leavers keep access for up to a week',
    severity: 'high',
    remediation:
      'Tie account removal to the HR leaver feed and show us a month of removals within one business day.',
    ownerUserId: compliance.userId,
    dueOn: daysFromToday(30),
  });

  // Northwind's onboarding review was due ten days ago and is still open: the vendor is overdue.
  // The past date is demo backfill (no service sets one), written like the seed's other history.
  const northwindId = vendorId('Northwind Dev Contractors');
  await startVendorReview(compliance, {
    vendorId: northwindId,
    kind: 'onboarding',
    dueOn: daysFromToday(-10),
  });
  await withTenant({ orgId: admin.orgId, userId: admin.userId }, (tx) =>
    tx
      .update(vendors)
      .set({ nextReviewAt: daysFromToday(-10) })
      .where(and(eq(vendors.orgId, admin.orgId), eq(vendors.id, northwindId))),
  );
}
