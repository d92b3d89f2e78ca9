import { eq, inArray, and } from 'drizzle-orm';
import { people, riskWeights, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { PreviewRiskWeightsInput, RiskWeightsInput } from '@/server/domain/risk/inputs';
import { previewWeightChange } from '@/server/domain/risk/rank';
import {
  DEFAULT_RISK_WEIGHTS,
  readRiskWeights,
  riskWeightsSchema,
  type RiskWeights,
} from '@/server/domain/risk/weights';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { subjectsFor } from '@/server/services/privacy/investigation-view';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { loadRiskInputs, loadRiskWeights } from './score-inputs';
import { requestRiskRecompute } from './triggers';

/** Validates weights with messages that name the field, e.g. "severityPoints.critical: …". */
export function parseRiskWeights(value: unknown): RiskWeights {
  const parsed = riskWeightsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'weights'}: ${i.message}`);
  throw new UserFacingError('BAD_REQUEST', `Invalid weights. ${messages.join('; ')}`);
}

export async function getRiskWeights(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({
        weights: riskWeights.weights,
        updatedAt: riskWeights.updatedAt,
        updatedBy: users.email,
      })
      .from(riskWeights)
      .leftJoin(users, eq(users.id, riskWeights.updatedBy))
      .where(eq(riskWeights.orgId, actor.orgId));
    return {
      weights: readRiskWeights(row?.weights),
      defaults: DEFAULT_RISK_WEIGHTS,
      customized: Boolean(row),
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}

/** How the top of the list would move under new weights, before anything is saved. */
export async function previewRiskWeights(
  actor: OrgActor,
  { weights, top }: PreviewRiskWeightsInput,
) {
  const next = parseRiskWeights(weights);
  const now = new Date();
  return withTenant(tenantOf(actor), async (tx) => {
    const current = await loadRiskWeights(tx, actor.orgId);
    const inputs = await loadRiskInputs(tx, actor.orgId, current, now);
    const preview = previewWeightChange(
      inputs.people.map((p) => ({ personId: p.id, input: inputs.personInputs.get(p.id) ?? {} })),
      current,
      next,
      top,
      now,
    );
    const ids = [...new Set([...preview.before, ...preview.after].map((p) => p.personId))];
    const names =
      ids.length === 0
        ? []
        : await tx
            .select({ id: people.id, fullName: people.fullName })
            .from(people)
            .where(and(eq(people.orgId, actor.orgId), inArray(people.id, ids)));
    // A ranking names people only as investigation views do: pseudonymized people are keyed by
    // their pseudonym, not their id (docs/PRIVACY.md §Pseudonymized investigation).
    const shownAs = await subjectsFor(tx, actor, names);
    const handle = new Map(
      names.map((n) => {
        const subject = shownAs(n);
        return [n.id, { key: subject.id ?? subject.fullName, name: subject.fullName }];
      }),
    );
    const rekey = <T extends { personId: string }>(list: T[]) =>
      list.map((r) => ({ ...r, personId: handle.get(r.personId)?.key ?? r.personId }));
    return {
      ...preview,
      before: rekey(preview.before),
      after: rekey(preview.after),
      entered: rekey(preview.entered),
      left: rekey(preview.left),
      movedUp: rekey(preview.movedUp),
      movedDown: rekey(preview.movedDown),
      names: Object.fromEntries([...handle.values()].map((h) => [h.key, h.name])),
    };
  });
}

/** Saves the org's weights (audited, before and after), then requests a recompute. */
export async function updateRiskWeights(actor: OrgActor, { weights }: RiskWeightsInput) {
  const next = parseRiskWeights(weights);
  const result = await withTenant(tenantOf(actor), async (tx) => {
    const [before] = await tx
      .select({ weights: riskWeights.weights })
      .from(riskWeights)
      .where(eq(riskWeights.orgId, actor.orgId))
      .for('update');
    const now = new Date();
    await tx
      .insert(riskWeights)
      .values({ orgId: actor.orgId, weights: next, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: riskWeights.orgId,
        set: { weights: next, updatedBy: actor.userId, updatedAt: now },
      });
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: 'risk.weights_updated',
      entityType: 'risk_weights',
      entityId: actor.orgId,
      before: { weights: readRiskWeights(before?.weights) },
      after: { weights: next },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { weights: next };
  });
  await requestRiskRecompute(actor.orgId);
  return result;
}
