import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/client';
import {
  accessGrants,
  organizations,
  people,
  privileges,
  systems,
  toxicPairs,
  users,
  vendors,
  watchlistMatches,
} from '@/db/schema';
import {
  evaluateAccessGate,
  findToxicConflicts,
  type GateFinding,
} from '@/server/domain/access/access-gate';
import { planApprovalSteps } from '@/server/domain/access/approval-plan';
import { HELD_GRANT_STATUSES } from '@/server/domain/access/grant';
import { ROLE_LABELS } from '@/server/domain/tenancy/roles';
import { readOrgSettings, type OrgSettings } from '@/server/domain/tenancy/settings';
import { isoDay } from '@/server/domain/time';
import { loadOverdueAttestations } from '@/server/services/attestations/facts';

/** The grantee as access policy sees them: who approves for them and what the gate reads. */
export async function loadGrantee(tx: Tx, orgId: string, personId: string) {
  const manager = alias(people, 'manager');
  const [row] = await tx
    .select({
      id: people.id,
      fullName: people.fullName,
      email: people.email,
      type: people.type,
      userId: people.userId,
      endDate: people.endDate,
      identityVerifiedAt: people.identityVerifiedAt,
      backgroundCheckStatus: people.backgroundCheckStatus,
      lastScreenedAt: people.lastScreenedAt,
      managerUserId: manager.userId,
      vendor: {
        id: vendors.id,
        name: vendors.name,
        status: vendors.status,
        contractEnd: vendors.contractEnd,
        nextReviewAt: vendors.nextReviewAt,
        ownerUserId: vendors.ownerUserId,
      },
    })
    .from(people)
    .leftJoin(manager, and(eq(manager.orgId, people.orgId), eq(manager.id, people.managerId)))
    .leftJoin(vendors, and(eq(vendors.orgId, people.orgId), eq(vendors.id, people.vendorId)))
    .where(and(eq(people.orgId, orgId), eq(people.id, personId)));
  if (!row) return null;
  return { ...row, vendor: row.vendor?.id ? row.vendor : null };
}
export type Grantee = NonNullable<Awaited<ReturnType<typeof loadGrantee>>>;

export async function loadPrivilege(tx: Tx, orgId: string, privilegeId: string) {
  const [row] = await tx
    .select({
      id: privileges.id,
      name: privileges.name,
      sensitivity: privileges.sensitivity,
      retired: privileges.retired,
      systemId: systems.id,
      systemName: systems.name,
      systemOwnerUserId: systems.ownerUserId,
    })
    .from(privileges)
    .innerJoin(
      systems,
      and(eq(systems.orgId, privileges.orgId), eq(systems.id, privileges.systemId)),
    )
    .where(and(eq(privileges.orgId, orgId), eq(privileges.id, privilegeId)));
  return row ?? null;
}
export type PrivilegeFacts = NonNullable<Awaited<ReturnType<typeof loadPrivilege>>>;

export async function loadOrgSettings(tx: Tx, orgId: string): Promise<OrgSettings> {
  const [org] = await tx
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return readOrgSettings(org?.settings);
}

/**
 * Loads everything the pre-access gate reads for one person and privilege and evaluates it.
 * `exceptGrantId` leaves the grant being decided out of "already held".
 */
export async function evaluateGateFor(
  tx: Tx,
  orgId: string,
  grantee: Grantee,
  privilege: PrivilegeFacts,
  exceptGrantId?: string,
): Promise<GateFinding[]> {
  const matchRows = await tx
    .select({ status: watchlistMatches.status, n: sql<number>`count(*)::int` })
    .from(watchlistMatches)
    .where(
      and(
        eq(watchlistMatches.orgId, orgId),
        eq(watchlistMatches.personId, grantee.id),
        inArray(watchlistMatches.status, ['open', 'confirmed']),
      ),
    )
    .groupBy(watchlistMatches.status);
  const count = (s: string) => matchRows.find((r) => r.status === s)?.n ?? 0;

  const pairs = await tx
    .select({
      privilegeA: toxicPairs.privilegeA,
      privilegeB: toxicPairs.privilegeB,
      reason: toxicPairs.reason,
    })
    .from(toxicPairs)
    .where(
      and(
        eq(toxicPairs.orgId, orgId),
        or(eq(toxicPairs.privilegeA, privilege.id), eq(toxicPairs.privilegeB, privilege.id)),
      ),
    );
  let held: { id: string; label: string }[] = [];
  if (pairs.length > 0) {
    const conditions = [
      eq(accessGrants.orgId, orgId),
      eq(accessGrants.personId, grantee.id),
      inArray(accessGrants.status, [...HELD_GRANT_STATUSES]),
    ];
    if (exceptGrantId) conditions.push(ne(accessGrants.id, exceptGrantId));
    held = (
      await tx
        .select({ id: privileges.id, name: privileges.name, systemName: systems.name })
        .from(accessGrants)
        .innerJoin(
          privileges,
          and(
            eq(privileges.orgId, accessGrants.orgId),
            eq(privileges.id, accessGrants.privilegeId),
          ),
        )
        .innerJoin(
          systems,
          and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
        )
        .where(and(...conditions))
    ).map((h) => ({ id: h.id, label: `${h.systemName} · ${h.name}` }));
  }
  const now = new Date();
  const overdue = await loadOverdueAttestations(tx, orgId, now, grantee.id);
  return evaluateAccessGate({
    today: isoDay(now),
    person: grantee,
    vendor: grantee.vendor,
    watchlist: { open: count('open'), confirmed: count('confirmed') },
    toxicConflicts: findToxicConflicts(
      { id: privilege.id, label: `${privilege.systemName} · ${privilege.name}` },
      held,
      pairs,
    ),
    overdueAttestations: overdue.map((a) => ({ title: a.title, dueDate: a.dueDate })),
  });
}

/** The approval plan for this grantee and privilege (the manager, else the vendor's owner). */
export function approvalPlanFor(
  requesterUserId: string,
  grantee: Grantee,
  privilege: PrivilegeFacts,
) {
  const vendorOwner = grantee.vendor?.ownerUserId ?? null;
  return planApprovalSteps({
    requesterUserId,
    granteeName: grantee.fullName,
    granteeUserId: grantee.userId,
    managerUserId: grantee.managerUserId ?? vendorOwner,
    managerSource: grantee.managerUserId ? 'manager' : vendorOwner ? 'vendor_owner' : null,
    systemName: privilege.systemName,
    systemOwnerUserId: privilege.systemOwnerUserId,
    sensitivity: privilege.sensitivity,
  });
}

/** Who decides an approval step, as the request's page names them. */
export async function stepApproverLabel(
  tx: Tx,
  step: { approverUserId: string | null; approverRole: string | null },
) {
  if (step.approverUserId) {
    const [u] = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, step.approverUserId));
    return u?.name ? `${u.name} (${u.email})` : (u?.email ?? 'the named approver');
  }
  const role = step.approverRole as keyof typeof ROLE_LABELS | null;
  return role === 'admin'
    ? 'an admin'
    : role
      ? `a ${ROLE_LABELS[role].toLowerCase()}`
      : 'an approver';
}
