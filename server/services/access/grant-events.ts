import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessGrants, approvalSteps, people, privileges, systems } from '@/db/schema';
import { appLink, recordOutboundEvent } from '@/server/services/outbound/events';

/**
 * `access.requested`, `access.approved` or `access.revoked` for grants, in the caller's
 * transaction, with what a receiver needs to act without calling back (docs/INTEGRATIONS.md
 * §Events).
 */
export async function recordGrantEvents(
  tx: Tx,
  orgId: string,
  type:
    | 'access.requested'
    | 'access.step_waiting'
    | 'access.approved'
    | 'access.denied'
    | 'access.revoked',
  grantIds: readonly string[],
  by: string | null,
  reason: string | null = null,
): Promise<void> {
  if (grantIds.length === 0) return;
  const rows = await tx
    .select({
      id: accessGrants.id,
      status: accessGrants.status,
      startsAt: accessGrants.startsAt,
      endsAt: accessGrants.expiresAt,
      system: systems.name,
      privilege: privileges.name,
      personId: people.id,
      personName: people.fullName,
      personEmail: people.email,
    })
    .from(accessGrants)
    .innerJoin(
      systems,
      and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
    )
    .innerJoin(
      privileges,
      and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
    )
    .innerJoin(
      people,
      and(eq(people.orgId, accessGrants.orgId), eq(people.id, accessGrants.personId)),
    )
    .where(and(eq(accessGrants.orgId, orgId), inArray(accessGrants.id, [...grantIds])));
  const waiting = await tx
    .select({
      grantId: approvalSteps.grantId,
      id: approvalSteps.id,
      seq: approvalSteps.seq,
      kind: approvalSteps.kind,
      approverUserId: approvalSteps.approverUserId,
      approverRole: approvalSteps.approverRole,
    })
    .from(approvalSteps)
    .where(
      and(
        eq(approvalSteps.orgId, orgId),
        inArray(approvalSteps.grantId, [...grantIds]),
        eq(approvalSteps.status, 'pending'),
      ),
    )
    .orderBy(asc(approvalSteps.seq));
  const stepOf = new Map<string, (typeof waiting)[number]>();
  for (const w of waiting) if (!stepOf.has(w.grantId)) stepOf.set(w.grantId, w);
  for (const g of rows) {
    const step = stepOf.get(g.id);
    await recordOutboundEvent(
      tx,
      orgId,
      type,
      { type: 'access_grant', id: g.id },
      {
        grant: {
          id: g.id,
          status: g.status,
          system: g.system,
          privilege: g.privilege,
          startsAt: g.startsAt?.toISOString() ?? null,
          endsAt: g.endsAt?.toISOString() ?? null,
          url: appLink(`/access/${g.id}`),
        },
        person: { id: g.personId, name: g.personName, email: g.personEmail },
        step: step
          ? {
              id: step.id,
              seq: step.seq,
              kind: step.kind,
              approverUserId: step.approverUserId,
              approverRole: step.approverRole,
            }
          : null,
        by,
        reason,
      },
    );
  }
}
