import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { vendorReviews, vendors } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import {
  SCHEDULED_VENDOR_STATUSES,
  firstReviewDueOn,
  vendorsDueForReview,
} from '@/server/domain/vendor-reviews/review';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { loadQuestions } from './questionnaire';
import { todayUtc } from './review-access';

/** The scheduler, as it appears in the audit log and as a review's creator. */
const SCHEDULER: AuditActor = { type: 'system', id: null, label: 'vendor review scheduler' };

/**
 * Live vendors never reviewed (imported as active, or from before the rule) get their first
 * review date today (`firstReviewDueOn`), each audited; the locked rows make a racing run wait.
 */
async function dateFirstReviews(tx: Tx, orgId: string, today: string): Promise<void> {
  const undated = await tx
    .select({
      id: vendors.id,
      name: vendors.name,
      status: vendors.status,
      lastReviewAt: vendors.lastReviewAt,
      nextReviewAt: vendors.nextReviewAt,
    })
    .from(vendors)
    .where(
      and(
        eq(vendors.orgId, orgId),
        inArray(vendors.status, [...SCHEDULED_VENDOR_STATUSES]),
        isNull(vendors.lastReviewAt),
        isNull(vendors.nextReviewAt),
      ),
    )
    .for('update');
  for (const v of undated) {
    const due = firstReviewDueOn(v, today);
    if (!due) continue;
    await tx
      .update(vendors)
      .set({ nextReviewAt: due, updatedAt: new Date() })
      .where(and(eq(vendors.orgId, orgId), eq(vendors.id, v.id), isNull(vendors.nextReviewAt)));
    await appendAudit(tx, {
      orgId,
      actor: SCHEDULER,
      action: 'vendor.first_review_due',
      entityType: 'vendor',
      entityId: v.id,
      before: { nextReviewAt: null },
      after: { vendor: v.name, nextReviewAt: due, reason: 'never reviewed' },
      requestId: null,
      ip: null,
    });
  }
}

/**
 * Opens periodic reviews (onboarding ones for vendors never reviewed) for live vendors whose next review falls within the window and that have
 * no review open (docs/PRODUCT.md §Vendor reviews: created on schedule, cadence by tier).
 * Idempotent: the one-open-review-per-vendor index makes a second run (or a racing worker) a no-op.
 */
export async function scheduleVendorReviews(
  orgId: string,
  now = new Date(),
): Promise<{ opened: number; vendors: string[] }> {
  const today = todayUtc(now);
  return withSystem(
    async (tx) => {
      await dateFirstReviews(tx, orgId, today);
      const candidates = await tx
        .select({
          id: vendors.id,
          name: vendors.name,
          status: vendors.status,
          nextReviewAt: vendors.nextReviewAt,
          neverReviewed: sql<boolean>`${vendors.lastReviewAt} is null`,
          hasOpenReview: sql<boolean>`exists (select 1 from vendor_reviews r where r.org_id = ${vendors.orgId} and r.vendor_id = ${vendors.id} and r.status <> 'decided')`,
        })
        .from(vendors)
        .where(
          and(eq(vendors.orgId, orgId), inArray(vendors.status, [...SCHEDULED_VENDOR_STATUSES])),
        );
      const due = vendorsDueForReview(candidates, today);
      if (due.length === 0) return { opened: 0, vendors: [] };
      const questions = await loadQuestions(tx, orgId);
      const inserted = await tx
        .insert(vendorReviews)
        .values(
          due.map((v) => ({
            orgId,
            vendorId: v.id,
            kind: v.neverReviewed ? ('onboarding' as const) : ('periodic' as const),
            source: 'schedule' as const,
            questions,
            dueOn: v.nextReviewAt,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: vendorReviews.id, vendorId: vendorReviews.vendorId });
      const names = new Map(due.map((v) => [v.id, v]));
      for (const r of inserted)
        await appendAudit(tx, {
          orgId,
          actor: SCHEDULER,
          action: 'vendor_review.scheduled',
          entityType: 'vendor_review',
          entityId: r.id,
          before: null,
          after: {
            vendorId: r.vendorId,
            vendor: names.get(r.vendorId)?.name,
            kind: names.get(r.vendorId)?.neverReviewed ? 'onboarding' : 'periodic',
            dueOn: names.get(r.vendorId)?.nextReviewAt,
          },
          requestId: null,
          ip: null,
        });
      return { opened: inserted.length, vendors: inserted.map((r) => names.get(r.vendorId)!.name) };
    },
    { orgId },
  );
}
