import { and, eq } from 'drizzle-orm';
import { candidates, people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { decideHire } from '@/server/domain/candidates/gate';
import type { ConvertCandidateInput } from '@/server/domain/candidates/inputs';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { candidateChecklists, loadCandidates } from './facts';

/**
 * "Convert to staff" behind the hire gate (docs/IMPOSTORS.md §The hire gate). The same person row
 * changes type, so everything gathered while a candidate (checks, notes, signals, screening
 * matches, the audit trail) stays theirs.
 */
export async function convertCandidate(actor: OrgActor, input: ConvertCandidateInput) {
  const result = await withTenant(tenantOf(actor), async (tx) => {
    const [locked] = await tx
      .select({ type: people.type })
      .from(people)
      .where(and(eq(people.orgId, actor.orgId), eq(people.id, input.personId)))
      .for('update');
    if (!locked) throw new UserFacingError('NOT_FOUND', 'No such candidate in this organization.');
    if (locked.type !== 'candidate')
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        `This person is already staff (${locked.type}).`,
      );
    const [candidate] = await loadCandidates(tx, actor.orgId, {
      personId: input.personId,
      status: 'active',
    });
    const now = new Date();
    const checks = (await candidateChecklists(tx, actor.orgId, [candidate!], now)).get(
      input.personId,
    )!;
    const decision = decideHire(checks, {
      isAdmin: actor.role === 'admin',
      overrideReason: input.overrideReason ?? null,
    });
    if (!decision.allowed)
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        `Cannot convert ${candidate!.fullName} to staff:\n${decision.reasons.map((r) => `• ${r}`).join('\n')}`,
      );
    const overridden = decision.overridden.length > 0;
    await tx
      .update(people)
      .set({
        type: input.type,
        ...(input.startDate ? { startDate: input.startDate } : {}),
        updatedAt: now,
      })
      .where(and(eq(people.orgId, actor.orgId), eq(people.id, input.personId)));
    const hiring = {
      stage: 'Hired',
      hiredAt: now,
      hiredBy: actor.userId,
      hiredAs: input.type,
      overrideReason: overridden ? input.overrideReason!.trim() : null,
      overriddenChecks: overridden ? decision.overridden : null,
      updatedAt: now,
    };
    await tx
      .insert(candidates)
      .values({ orgId: actor.orgId, personId: input.personId, ...hiring })
      .onConflictDoUpdate({ target: [candidates.orgId, candidates.personId], set: hiring });
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: overridden ? 'candidate.hired_with_override' : 'candidate.hired',
      entityType: 'person',
      entityId: input.personId,
      before: { type: 'candidate' },
      after: {
        type: input.type,
        startDate: input.startDate ?? null,
        ...(overridden
          ? { overrideReason: hiring.overrideReason, overriddenChecks: decision.overridden }
          : {}),
      },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { personId: input.personId, type: input.type, overridden: decision.overridden };
  });
  await requestRiskRecompute(actor.orgId);
  return result;
}
