import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { vendorStatusHistory, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type {
  ChangeVendorStatusInput,
  UpdateVendorInput,
  VendorInput,
} from '@/server/domain/inventory/inputs';
import {
  checkVendorTransition,
  deriveVendorTier,
  endsVendorAccess,
} from '@/server/domain/inventory/vendor';
import { isoDay } from '@/server/domain/time';
import { firstReviewDueOn } from '@/server/domain/vendor-reviews/review';
import { revokeGrantsOfVendor } from '@/server/services/access/lifecycle';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { thenRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';
import { checkOwner } from './system-commands';

function tierFields(input: VendorInput) {
  const derived = deriveVendorTier(input.questionnaire);
  const overridden = input.tierOverride && input.tierOverride.tier !== derived.tier;
  return {
    inherentTier: derived.tier,
    tier: overridden ? input.tierOverride!.tier : derived.tier,
    tierOverrideReason: overridden ? input.tierOverride!.reason : null,
  };
}

function vendorColumns(input: VendorInput) {
  return {
    name: input.name,
    country: input.country ?? null,
    services: input.services,
    dataCategories: input.dataCategories,
    contractStart: input.contractStart ?? null,
    contractEnd: input.contractEnd ?? null,
    ownerUserId: input.ownerUserId ?? null,
    subProcessors: input.subProcessors,
    certifications: input.certifications,
    questionnaire: input.questionnaire,
    ...tierFields(input),
  };
}

export async function createVendor(actor: OrgActor, input: VendorInput) {
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      await checkOwner(tx, actor.orgId, input.ownerUserId);
      const [created] = await tx
        .insert(vendors)
        .values({ orgId: actor.orgId, ...vendorColumns(input) })
        .returning();
      if (!created) throw new Error('vendor insert returned nothing');
      await tx.insert(vendorStatusHistory).values({
        orgId: actor.orgId,
        vendorId: created.id,
        fromStatus: null,
        toStatus: created.status,
        reason: 'Vendor created',
        changedBy: actor.userId,
      });
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'vendor.created',
        entityType: 'vendor',
        entityId: created.id,
        after: vendorColumns(input),
        requestId: actor.requestId,
        ip: actor.ip,
      });
      return { id: created.id, tier: created.tier };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError('CONFLICT', `A vendor named "${input.name}" already exists.`);
    throw error;
  }
}

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function updateVendor(actor: OrgActor, input: UpdateVendorInput) {
  return thenRecompute(actor.orgId, updateVendorNow(actor, input));
}

async function updateVendorNow(actor: OrgActor, { vendorId, vendor }: UpdateVendorInput) {
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      const [before] = await tx
        .select()
        .from(vendors)
        .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendorId)))
        .for('update');
      if (!before) throw new UserFacingError('NOT_FOUND', 'No such vendor in this organization.');
      await checkOwner(tx, actor.orgId, vendor.ownerUserId);
      const next = vendorColumns(vendor);
      await tx
        .update(vendors)
        .set({ ...next, updatedAt: new Date() })
        .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendorId)));
      const {
        orgId: _o,
        id: _i,
        createdAt: _c,
        updatedAt: _u,
        status: _s,
        lastReviewAt: _l,
        nextReviewAt: _n,
        ...old
      } = before;
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: userActor(actor),
        action: 'vendor.updated',
        entityType: 'vendor',
        entityId: vendorId,
        before: old,
        after: next,
        requestId: actor.requestId,
        ip: actor.ip,
      });
      return { id: vendorId, tier: next.tier };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError('CONFLICT', `A vendor named "${vendor.name}" already exists.`);
    throw error;
  }
}

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function changeVendorStatus(actor: OrgActor, input: ChangeVendorStatusInput) {
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), (tx) => changeVendorStatusIn(tx, actor, input)),
  );
}

/**
 * The status change inside the caller's transaction (a case's "suspend vendor" action commits
 * with its timeline entry). Suspension, offboarding and termination revoke the vendor's people's
 * live grants at once: the gate only guards new access, so a hold that left grants running would
 * not hold anything. Reinstating does not restore them; they are requested again through the gate.
 */
export async function changeVendorStatusIn(
  tx: Tx,
  actor: OrgActor,
  { vendorId, status, reason }: ChangeVendorStatusInput,
) {
  const [before] = await tx
    .select({
      status: vendors.status,
      name: vendors.name,
      lastReviewAt: vendors.lastReviewAt,
      nextReviewAt: vendors.nextReviewAt,
    })
    .from(vendors)
    .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendorId)))
    .for('update');
  if (!before) throw new UserFacingError('NOT_FOUND', 'No such vendor in this organization.');
  const refusal = checkVendorTransition(before.status, status);
  if (refusal) throw new UserFacingError('PRECONDITION_FAILED', refusal);
  const firstReviewDue = firstReviewDueOn({ ...before, status }, isoDay(new Date()));
  await tx
    .update(vendors)
    .set({
      status,
      updatedAt: new Date(),
      ...(firstReviewDue ? { nextReviewAt: firstReviewDue } : {}),
    })
    .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendorId)));
  await tx.insert(vendorStatusHistory).values({
    orgId: actor.orgId,
    vendorId,
    fromStatus: before.status,
    toStatus: status,
    reason,
    changedBy: actor.userId,
  });
  await appendAudit(tx, {
    orgId: actor.orgId,
    actor: userActor(actor),
    action: 'vendor.status_changed',
    entityType: 'vendor',
    entityId: vendorId,
    before: { status: before.status },
    after: { status, reason, ...(firstReviewDue ? { nextReviewAt: firstReviewDue } : {}) },
    requestId: actor.requestId,
    ip: actor.ip,
  });
  // Suspension and offboarding take the vendor's people's access away at once
  // (docs/PRODUCT.md §Vendors).
  const revokedGrants = endsVendorAccess(status)
    ? await revokeGrantsOfVendor(
        tx,
        actor.orgId,
        userActor(actor),
        vendorId,
        `${before.name} moved to ${status}: ${reason}`,
      )
    : 0;
  return { status, revokedGrants, fromStatus: before.status, vendorName: before.name };
}
