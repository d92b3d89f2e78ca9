import { and, asc, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { people, users, vendorRiskScores, vendorStatusHistory, vendors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ListVendorsInput, VendorIdInput } from '@/server/domain/inventory/inputs';
import {
  deriveVendorTier,
  LIVE_VENDOR_STATUSES,
  tierQuestionnaireSchema,
  vendorWarnings,
} from '@/server/domain/inventory/vendor';
import { isoDay } from '@/server/domain/time';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { afterCursor, encodeCursor, requireCursor } from '@/server/services/shared/keyset';
import { escapeLike } from '@/server/services/shared/sql-helpers';
import { scopeFor } from './people-queries';

const TIER_RANK = sql<number>`case ${vendors.tier} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;
const CONTRACT_END = sql<string>`coalesce(${vendors.contractEnd}::text, '9999-12-31')`;
const LOWER_NAME = sql<string>`lower(${vendors.name})`;

export async function listVendors(actor: OrgActor, f: ListVendorsInput) {
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
        risk: vendorRiskScores.risk,
        riskBand: vendorRiskScores.band,
      })
      .from(vendors)
      .leftJoin(
        vendorRiskScores,
        and(eq(vendorRiskScores.orgId, vendors.orgId), eq(vendorRiskScores.vendorId, vendors.id)),
      )
      .where(and(...conditions))
      .orderBy(...keys.map((k) => asc(k)))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const today = isoDay(new Date());
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

export async function getVendor(actor: OrgActor, { vendorId }: VendorIdInput) {
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
      warnings: vendorWarnings({ ...v, certifications }, isoDay(new Date())),
      people: staff,
      history,
    };
  });
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
