import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessGrants, approvalSteps, memberships, users } from '@/db/schema';
import { refuseStepDecision } from '@/server/domain/access/approval-plan';
import type { ApprovalFacts } from '@/server/domain/chat/messages';
import type { Role } from '@/server/domain/tenancy/roles';
import {
  evaluateGateFor,
  loadGrantee,
  loadPrivilege,
  stepApproverLabel,
} from '@/server/services/access/facts';
import { appLink } from '@/server/services/outbound/events';

export interface ApprovalRecipient {
  userId: string;
  email: string;
}

/**
 * The step an `access.step_waiting` event names, with what its approver needs and who may decide
 * it: the named member, or every active member in the role whom the policy would let decide
 * (never the requester, the grantee or an earlier step's approver: docs/PRODUCT.md §Approval
 * chain). Null when the step is no longer waiting (decided in the web meanwhile).
 */
export async function loadWaitingStep(
  tx: Tx,
  orgId: string,
  grantId: string,
  stepId: string,
): Promise<{ facts: ApprovalFacts; recipients: ApprovalRecipient[] } | null> {
  const [grant] = await tx
    .select({
      status: accessGrants.status,
      personId: accessGrants.personId,
      privilegeId: accessGrants.privilegeId,
      justification: accessGrants.justification,
      durationDays: accessGrants.durationDays,
      requestedBy: accessGrants.requestedBy,
    })
    .from(accessGrants)
    .where(and(eq(accessGrants.orgId, orgId), eq(accessGrants.id, grantId)));
  if (!grant || grant.status !== 'pending') return null;
  const steps = await tx
    .select()
    .from(approvalSteps)
    .where(and(eq(approvalSteps.orgId, orgId), eq(approvalSteps.grantId, grantId)))
    .orderBy(asc(approvalSteps.seq));
  const current = steps.find((s) => s.status === 'pending');
  if (!current || current.id !== stepId) return null;
  const grantee = await loadGrantee(tx, orgId, grant.personId);
  const privilege = await loadPrivilege(tx, orgId, grant.privilegeId);
  if (!grantee || !privilege) return null;

  const members = await tx
    .select({ userId: users.id, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.status, 'active')));
  const approverLabel = await stepApproverLabel(tx, current);
  const earlier = steps
    .filter((s) => s.status === 'approved' && s.decidedBy)
    .map((s) => s.decidedBy!);
  const recipients = members.filter(
    (m) =>
      refuseStepDecision(
        {
          kind: current.kind,
          approverUserId: current.approverUserId,
          approverRole: current.approverRole,
          approverLabel,
        },
        { userId: m.userId, role: m.role as Role },
        { requesterUserId: grant.requestedBy, granteeUserId: grantee.userId },
        earlier,
      ) === null,
  );
  const requester = members.find((m) => m.userId === grant.requestedBy);
  const gate = await evaluateGateFor(tx, orgId, grantee, privilege, grantId);
  return {
    recipients: recipients.map((r) => ({ userId: r.userId, email: r.email })),
    facts: {
      grantId,
      stepId,
      stepLabel: current.kind.replace(/_/g, ' '),
      person: { name: grantee.fullName, email: grantee.email },
      requestedBy: requester?.email ?? null,
      system: privilege.systemName,
      privilege: privilege.name,
      sensitivity: privilege.sensitivity,
      justification: grant.justification,
      durationDays: grant.durationDays,
      gate: gate.map((g) => g.message),
      url: appLink(`/access/${grantId}`),
    },
  };
}
