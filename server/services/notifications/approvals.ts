import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessGrants, approvalSteps, people, privileges, systems, users } from '@/db/schema';
import { stepWaitingNotice } from '@/server/domain/notifications/access-notices';
import { appBaseUrl } from '@/server/services/mail/outbox';
import { planNotification, type Delivery } from './audience';
import { mailDeliveries } from './send';

/**
 * Who must decide the request's current step, and what they are told: the named approver, or
 * for a role step every member of that role except those separation of duties rules out (the
 * requester, the grantee, earlier deciders: docs/PRODUCT.md §Approval chain). Empty when nothing
 * waits. Mail uses it below; a chat sender can post the same deliveries.
 */
export async function planStepWaiting(tx: Tx, orgId: string, grantId: string): Promise<Delivery[]> {
  const [grant] = await tx
    .select({
      status: accessGrants.status,
      requestedBy: accessGrants.requestedBy,
      durationDays: accessGrants.durationDays,
      granteeName: people.fullName,
      granteeUserId: people.userId,
      systemName: systems.name,
      privilegeName: privileges.name,
      requesterName: users.name,
      requesterEmail: users.email,
    })
    .from(accessGrants)
    .innerJoin(
      people,
      and(eq(people.orgId, accessGrants.orgId), eq(people.id, accessGrants.personId)),
    )
    .innerJoin(
      systems,
      and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
    )
    .innerJoin(
      privileges,
      and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
    )
    .leftJoin(users, eq(users.id, accessGrants.requestedBy))
    .where(and(eq(accessGrants.orgId, orgId), eq(accessGrants.id, grantId)));
  if (!grant || grant.status !== 'pending') return [];
  const steps = await tx
    .select()
    .from(approvalSteps)
    .where(and(eq(approvalSteps.orgId, orgId), eq(approvalSteps.grantId, grantId)))
    .orderBy(asc(approvalSteps.seq));
  const current = steps.find((s) => s.status === 'pending');
  if (!current) return [];
  const exclude = [
    grant.requestedBy,
    grant.granteeUserId,
    ...steps.filter((s) => s.status === 'approved').map((s) => s.decidedBy),
  ].filter((id): id is string => id !== null);
  const notice = stepWaitingNotice({
    base: appBaseUrl(),
    grantId,
    requesterName: grant.requesterName || grant.requesterEmail || 'Someone',
    granteeName: grant.granteeName,
    systemName: grant.systemName,
    privilegeName: grant.privilegeName,
    durationDays: grant.durationDays,
    step: current.kind,
    roleWide: current.approverUserId === null,
  });
  if (current.approverUserId)
    return planNotification(tx, orgId, notice, { userIds: [current.approverUserId] }, { exclude });
  if (!current.approverRole) return [];
  return planNotification(tx, orgId, notice, { roles: [current.approverRole] }, { exclude });
}

/** Mails whoever the current step waits for, in the transaction that created or advanced it. */
export async function notifyStepWaiting(tx: Tx, orgId: string, grantId: string): Promise<number> {
  return mailDeliveries(tx, orgId, await planStepWaiting(tx, orgId, grantId));
}
