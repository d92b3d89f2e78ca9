import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { vendorStatusHistory, vendors } from '@/db/schema';
import { mapVendorRow } from '@/server/domain/import/rows';
import {
  checkVendorTransition,
  deriveVendorTier,
  tierQuestionnaireSchema,
  type TierQuestionnaire,
} from '@/server/domain/inventory/vendor';
import { appendAudit } from '@/server/services/audit/log';
import {
  acceptedRows,
  changed,
  memberIdsByEmail,
  ownerOf,
  type ImportActor,
  type Recorder,
  type Rows,
} from './row-helpers';

export async function importVendors(tx: Tx, actor: ImportActor, rows: Rows, record: Recorder) {
  const existing = await tx.select().from(vendors).where(eq(vendors.orgId, actor.orgId));
  const byName = new Map(existing.map((v) => [v.name.toLowerCase(), v]));
  const members = await memberIdsByEmail(tx, actor.orgId);
  for (const { line, key, row } of acceptedRows(
    rows,
    record,
    mapVendorRow,
    'name',
    (r) => r.name.toLowerCase(),
    'vendor',
  )) {
    const lower = row.name.toLowerCase();
    const { userId: ownerUserId, reason } = ownerOf(members, row.ownerEmail);
    if (reason) {
      record(line, key, 'reject', [], reason);
      continue;
    }
    const current = byName.get(lower);
    const baseQuestionnaire = tierQuestionnaireSchema.parse(current?.questionnaire ?? {});
    const questionnaire: TierQuestionnaire = row.dataCategories.length
      ? {
          ...baseQuestionnaire,
          dataCategories: row.dataCategories,
          productionAccess:
            baseQuestionnaire.productionAccess ||
            row.dataCategories.includes('production_infrastructure'),
          fundsAccess:
            baseQuestionnaire.fundsAccess || row.dataCategories.includes('funds_or_keys'),
        }
      : baseQuestionnaire;
    const derived = deriveVendorTier(questionnaire).tier;
    const tier = row.tier ?? current?.tier ?? derived;
    const next = {
      name: row.name,
      services: row.services || current?.services || '',
      ...(row.country ? { country: row.country } : {}),
      ...(row.dataCategories.length ? { dataCategories: row.dataCategories } : {}),
      ...(row.contractStart ? { contractStart: row.contractStart } : {}),
      ...(row.contractEnd ? { contractEnd: row.contractEnd } : {}),
      ...(ownerUserId ? { ownerUserId } : {}),
      questionnaire,
      inherentTier: derived,
      tier,
      tierOverrideReason:
        tier === derived
          ? null
          : (current?.tier === tier && current.tierOverrideReason) || 'Tier set by CSV import',
    };
    const status = row.status ?? current?.status ?? 'prospect';
    // Existing vendors follow the lifecycle here too; a new vendor may start in any state.
    const refusal =
      current && status !== current.status ? checkVendorTransition(current.status, status) : null;
    if (refusal) {
      record(line, row.name, 'reject', [], refusal);
      continue;
    }
    if (!current) {
      const [created] = await tx
        .insert(vendors)
        .values({ orgId: actor.orgId, ...next, status })
        .returning({ id: vendors.id });
      await tx.insert(vendorStatusHistory).values({
        orgId: actor.orgId,
        vendorId: created!.id,
        fromStatus: null,
        toStatus: status,
        reason: 'Created by CSV import',
        changedBy: actor.userId,
      });
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'vendor.imported',
        entityType: 'vendor',
        entityId: created!.id,
        after: { ...next, status },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      record(line, row.name, 'create');
      continue;
    }
    const changes = changed(current as unknown as Record<string, unknown>, { ...next, status });
    if (changes.length === 0) {
      record(line, row.name, 'unchanged');
      continue;
    }
    await tx
      .update(vendors)
      .set({ ...next, status, updatedAt: new Date() })
      .where(and(eq(vendors.orgId, actor.orgId), eq(vendors.id, current.id)));
    if (status !== current.status) {
      await tx.insert(vendorStatusHistory).values({
        orgId: actor.orgId,
        vendorId: current.id,
        fromStatus: current.status,
        toStatus: status,
        reason: 'Set by CSV import',
        changedBy: actor.userId,
      });
    }
    const before = Object.fromEntries(
      changes.map((k) => [k, (current as unknown as Record<string, unknown>)[k]]),
    );
    const after = Object.fromEntries(
      changes.map((k) => [k, ({ ...next, status } as Record<string, unknown>)[k]]),
    );
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: actor.audit,
      action: 'vendor.imported',
      entityType: 'vendor',
      entityId: current.id,
      before,
      after,
      requestId: actor.requestId,
      ip: actor.ip,
    });
    record(line, row.name, 'update', changes);
  }
}
