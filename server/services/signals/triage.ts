import { and, eq } from 'drizzle-orm';
import { caseSignals, cases, signals } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { caseReference } from '@/server/domain/cases/case';
import type { TriageSignalInput } from '@/server/domain/signals/inputs';
import { appendAudit, userActor } from '@/server/services/audit/log';
import { thenRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';

const TO_STATUS = {
  acknowledge: 'acknowledged',
  dismiss: 'dismissed',
  reopen: 'open',
} as const;

/** Acknowledge, dismiss (with a reason), or reopen a signal not in a case; audited. Risk is
 * recomputed after the change commits (the scores read what it changed). */
export async function triageSignal(actor: OrgActor, input: TriageSignalInput) {
  return thenRecompute(actor.orgId, triageSignalNow(actor, input));
}

async function triageSignalNow(actor: OrgActor, { signalId, action, reason }: TriageSignalInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [before] = await tx
      .select({ status: signals.status })
      .from(signals)
      .where(and(eq(signals.orgId, actor.orgId), eq(signals.id, signalId)))
      .for('update');
    if (!before) throw new UserFacingError('NOT_FOUND', 'No such signal.');
    const [inCase] = await tx
      .select({ number: cases.number })
      .from(caseSignals)
      .innerJoin(cases, and(eq(cases.orgId, caseSignals.orgId), eq(cases.id, caseSignals.caseId)))
      .where(and(eq(caseSignals.orgId, actor.orgId), eq(caseSignals.signalId, signalId)));
    if (inCase)
      throw new UserFacingError(
        'CONFLICT',
        `This signal is part of ${caseReference(inCase.number)}; its outcome comes from the case.`,
      );
    const status = TO_STATUS[action];
    if (before.status === status)
      throw new UserFacingError('CONFLICT', `The signal is already ${status}.`);
    if (action === 'reopen' && before.status === 'open')
      throw new UserFacingError('CONFLICT', 'The signal is already open.');
    await tx
      .update(signals)
      .set({
        status,
        statusReason: reason ?? null,
        statusBy: actor.userId,
        statusAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(signals.orgId, actor.orgId), eq(signals.id, signalId)));
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: `signal.${action}`,
      entityType: 'signal',
      entityId: signalId,
      before: { status: before.status },
      after: { status, reason: reason ?? null },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { status };
  });
}
