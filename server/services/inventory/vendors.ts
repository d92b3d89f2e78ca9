import { and, asc, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { people, users, vendorStatusHistory, vendors } from '@/db/schema';
import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import {
  checkVendorTransition,
  dataCategorySchema,
  deriveVendorTier,
  tierQuestionnaireSchema,
  endsVendorAccess,
  LIVE_VENDOR_STATUSES,
  tierSchema,
  vendorInputSchema,
  vendorStatusSchema,
  vendorWarnings,
  type VendorInput,
} from '@/server/domain/inventory/vendor';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { revokeGrantsOfVendor } from '@/server/services/access/lifecycle';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { scopeFor } from './people';
import { checkOwner } from './systems';
import {
  afterCursor,
  cursorSchema,
  encodeCursor,
  requireCursor,
} from '@/server/services/shared/keyset';
import { escapeLike, isUniqueViolation } from '@/server/services/shared/sql-helpers';
import { thenRecompute } from '@/server/services/risk/triggers';
import { RISK_BANDS } from '@/server/domain/risk/bands';

const TIER_RANK = sql<number>`case ${vendors.tier} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;
const CONTRACT_END = sql<string>`coalesce(${vendors.contractEnd}::text, '9999-12-31')`;
const LOWER_NAME = sql<string>`lower(${vendors.name})`;

export const listVendorsSchema = z.object({
  q: z.string().trim().max(200).optional(),
  tiers: z.array(tierSchema).max(4).optional(),
  statuses: z.array(vendorStatusSchema).max(5).optional(),
  dataCategory: dataCategorySchema.optional(),
  /** Vendors whose current risk falls in this band (the overview's drill-down). */
  riskBand: z.enum(RISK_BANDS).optional(),
  /** Live vendors whose next review date has passed (the overview's drill-down). */
  reviewOverdue: z.boolean().optional(),
  sort: z.enum(['name', 'tier', 'contractEnd']).default('name'),
  cursor: cursorSchema,
  limit: z.number().int().min(1).max(100).default(25),
});

export async function listVendors(actor: OrgActor, input: z.input<typeof listVendorsSchema>) {
  const f = listVendorsSchema.parse(input);
  const keys: SQL[] =
    f.sort === 'tier'
      ? [TIER_RANK, LOWER_NAME, sql`${vendors.id}`]
      : f.sort === 'contractEnd'
        ? [CONTRACT_END, LOWER_NAME, sql`${vendors.id}`]
        : [LOWER_NAME, sql`${vendors.id}`];
  const conditions: SQL[] = [eq(vendors.orgId, actor.orgId)];
  if (f.q) conditions.push(ilike(vendors.name, `%${escapeLike(f.q)}%`));
  if (f.riskBand)
    conditions.push(
      sql`exists (select 1 from vendor_risk_scores s where s.org_id = ${vendors.orgId}
        and s.vendor_id = ${vendors.id} and s.band = ${f.riskBand})`,
    );
  if (f.reviewOverdue)
    conditions.push(
      inArray(vendors.status, [...LIVE_VENDOR_STATUSES]),
      sql`${vendors.nextReviewAt} < current_date`,
    );
  if (f.tiers?.length) conditions.push(inArray(vendors.tier, f.tiers));
  if (f.statuses?.length) conditions.push(inArray(vendors.status, f.statuses));
  if (f.dataCategory) conditions.push(sql`${f.dataCategory} = any(${vendors.dataCategories})`);
  const cursor = requireCursor(f.cursor, keys.length);
  if (cursor) conditions.push(afterCursor(keys, cursor));
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({
        id: vendors.id,
        name: vendors.name,
        country: vendors.country,
        tier: vendors.tier,
        status: vendors.status,
        dataCategories: vendors.dataCategories,
        contractEnd: vendors.contractEnd,
        nextReviewAt: vendors.nextReviewAt,
        certifications: vendors.certifications,
        tierRank: TIER_RANK,
        lowerName: LOWER_NAME,
        contractEndKey: CONTRACT_END,
        people: sql<number>`(select count(*)::int from ${people} p where p.org_id = "vendors"."org_id" and p.vendor_id = "vendors"."id")`,
      })
      .from(vendors)
      .where(and(...conditions))
      .orderBy(...keys.map((k) => asc(k)))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const today = new Date().toISOString().slice(0, 10);
  return {
    vendors: page.map(
      ({ tierRank: _t, lowerName: _l, contractEndKey: _c, certifications, ...v }) => {
        const warnings = vendorWarnings(
          { ...v, certifications: certifications as { name: string; expiresOn: string }[] },
          today,
        );
        return {
          ...v,
          warnings: warnings.length,
          reviewOverdue: warnings.some((w) => w.kind === 'review_overdue'),
        };
      },
    ),
    nextCursor:
      rows.length > f.limit && last
        ? encodeCursor(
            f.sort === 'tier'
              ? [last.tierRank, last.lowerName, last.id]
              : f.sort === 'contractEnd'
                ? [last.contractEndKey, last.lowerName, last.id]
                : [last.lowerName, last.id],
          )
        : null,
  };
}

export const vendorIdSchema = z.object({ vendorId: z.uuid() });

export async function getVendor(actor: OrgActor, input: z.input<typeof vendorIdSchema>) {
  const { vendorId } = vendorIdSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({ vendor: vendors, ownerEmail: users.email })
      .from(vendors)
      .leftJoin(users, eq(users.id, vendors.ownerUserId))
      .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendorId)));
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such vendor in this organization.');
    const staff = await tx
      .select({
        id: people.id,
        fullName: people.fullName,
        email: people.email,
        type: people.type,
        title: people.title,
        backgroundCheckStatus: people.backgroundCheckStatus,
        identityVerifiedAt: people.identityVerifiedAt,
        endDate: people.endDate,
      })
      .from(people)
      // Managers see only their own people here too (same scope as the people list).
      .where(and(eq(people.orgId, actor.orgId), eq(people.vendorId, vendorId), scopeFor(actor)))
      .orderBy(asc(people.fullName));
    const history = await tx
      .select({
        id: vendorStatusHistory.id,
        fromStatus: vendorStatusHistory.fromStatus,
        toStatus: vendorStatusHistory.toStatus,
        reason: vendorStatusHistory.reason,
        changedAt: vendorStatusHistory.changedAt,
        changedBy: users.email,
      })
      .from(vendorStatusHistory)
      .leftJoin(users, eq(users.id, vendorStatusHistory.changedBy))
      .where(
        and(eq(vendorStatusHistory.orgId, actor.orgId), eq(vendorStatusHistory.vendorId, vendorId)),
      )
      .orderBy(desc(vendorStatusHistory.changedAt));
    const v = row.vendor;
    const certifications = v.certifications as { name: string; expiresOn: string }[];
    // Read through the schema: an answer stored before a question existed gets its default
    // rather than breaking the page.
    const questionnaire = tierQuestionnaireSchema.parse(v.questionnaire ?? {});
    return {
      ...v,
      certifications,
      subProcessors: v.subProcessors as { name: string; country?: string; service?: string }[],
      questionnaire,
      ownerEmail: row.ownerEmail,
      derivedTier: deriveVendorTier(questionnaire),
      warnings: vendorWarnings({ ...v, certifications }, new Date().toISOString().slice(0, 10)),
      people: staff,
      history,
    };
  });
}

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

export async function createVendor(actor: OrgActor, input: z.input<typeof vendorInputSchema>) {
  const parsed = vendorInputSchema.parse(input);
  try {
    return await withTenant(tenantOf(actor), async (tx) => {
      await checkOwner(tx, actor.orgId, parsed.ownerUserId);
      const [created] = await tx
        .insert(vendors)
        .values({ orgId: actor.orgId, ...vendorColumns(parsed) })
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
        after: vendorColumns(parsed),
        requestId: actor.requestId,
        ip: actor.ip,
      });
      return { id: created.id, tier: created.tier };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError('CONFLICT', `A vendor named "${parsed.name}" already exists.`);
    throw error;
  }
}

export const updateVendorSchema = z.object({ vendorId: z.uuid(), vendor: vendorInputSchema });

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function updateVendor(actor: OrgActor, input: z.input<typeof updateVendorSchema>) {
  return thenRecompute(actor.orgId, updateVendorNow(actor, input));
}

async function updateVendorNow(actor: OrgActor, input: z.input<typeof updateVendorSchema>) {
  const { vendorId, vendor } = updateVendorSchema.parse(input);
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

export const changeVendorStatusSchema = z.object({
  vendorId: z.uuid(),
  status: vendorStatusSchema,
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters').max(1000),
});

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function changeVendorStatus(
  actor: OrgActor,
  input: z.input<typeof changeVendorStatusSchema>,
) {
  const parsed = changeVendorStatusSchema.parse(input);
  return thenRecompute(
    actor.orgId,
    withTenant(tenantOf(actor), (tx) => changeVendorStatusIn(tx, actor, parsed)),
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
  { vendorId, status, reason }: z.output<typeof changeVendorStatusSchema>,
) {
  const [before] = await tx
    .select({ status: vendors.status, name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, vendorId)))
    .for('update');
  if (!before) throw new UserFacingError('NOT_FOUND', 'No such vendor in this organization.');
  const refusal = checkVendorTransition(before.status, status);
  if (refusal) throw new UserFacingError('PRECONDITION_FAILED', refusal);
  await tx
    .update(vendors)
    .set({ status, updatedAt: new Date() })
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
    after: { status, reason },
    requestId: actor.requestId,
    ip: actor.ip,
  });
  // Suspension and offboarding take the vendor's people's access away at once (spec/domain.md).
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

export async function vendorOptions(actor: OrgActor) {
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ id: vendors.id, name: vendors.name, status: vendors.status })
      .from(vendors)
      .where(eq(vendors.orgId, actor.orgId))
      .orderBy(asc(vendors.name)),
  );
}

export async function vendorCounts(actor: OrgActor) {
  return withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ status: vendors.status, n: count() })
      .from(vendors)
      .where(eq(vendors.orgId, actor.orgId))
      .groupBy(vendors.status),
  );
}
