import { and, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accessGrants, organizations, people, vendors } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { OPEN_GRANT_STATUSES } from '@/server/domain/access/grant';
import { ACCESS_ENDING_VENDOR_STATUSES } from '@/server/domain/inventory/vendor';
import { isoDay } from '@/server/domain/time';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { recordGrantEvents } from './grant-events';

/** The scheduler, as it appears in the audit log. */
export const SCHEDULER: AuditActor = { type: 'system', id: null, label: 'scheduler' };

const VENDOR_CLOSED = ACCESS_ENDING_VENDOR_STATUSES;

/**
 * Ends every open grant matching `where` (status → `to`) in one statement and audits each,
 * inside the caller's transaction. Re-running finds nothing left to end (idempotent jobs).
 */
async function endGrants(
  tx: Tx,
  orgId: string,
  actor: AuditActor,
  where: SQL,
  to: 'expired' | 'revoked',
  reason: string,
  fromStatuses: readonly string[] = OPEN_GRANT_STATUSES,
): Promise<number> {
  const now = new Date();
  const ended = await tx
    .update(accessGrants)
    .set({
      status: to,
      endedAt: now,
      endReason: reason,
      revokedBy: actor.type === 'user' ? actor.id : null,
      updatedAt: now,
    })
    .where(
      and(
        eq(accessGrants.orgId, orgId),
        inArray(accessGrants.status, [...fromStatuses] as ('pending' | 'approved' | 'active')[]),
        where,
      ),
    )
    .returning({
      id: accessGrants.id,
      personId: accessGrants.personId,
      privilegeId: accessGrants.privilegeId,
    });
  if (to === 'revoked')
    await recordGrantEvents(
      tx,
      orgId,
      'access.revoked',
      ended.map((g) => g.id),
      actor.label,
      reason,
    );
  for (const g of ended)
    await appendAudit(tx, {
      orgId,
      actor,
      action: to === 'expired' ? 'access.grant_expired' : 'access.grant_revoked',
      entityType: 'access_grant',
      entityId: g.id,
      after: { status: to, reason, personId: g.personId, privilegeId: g.privilegeId },
      requestId: null,
      ip: null,
    });
  return ended.length;
}

/**
 * A vendor suspended, offboarding or terminated loses its people's access at once
 * (docs/PRODUCT.md §Vendors).
 */
export async function revokeGrantsOfVendor(
  tx: Tx,
  orgId: string,
  actor: AuditActor,
  vendorId: string,
  reason: string,
): Promise<number> {
  return endGrants(
    tx,
    orgId,
    actor,
    sql`${accessGrants.personId} in (select p.id from people p where p.org_id = ${orgId} and p.vendor_id = ${vendorId})`,
    'revoked',
    reason,
  );
}

/** A person whose end date has passed loses their access at once. */
export async function revokeGrantsOfPerson(
  tx: Tx,
  orgId: string,
  actor: AuditActor,
  personId: string,
  reason: string,
): Promise<number> {
  return endGrants(tx, orgId, actor, eq(accessGrants.personId, personId), 'revoked', reason);
}

export interface SweepResult {
  activated: number;
  expired: number;
  revokedDeparted: number;
  revokedVendor: number;
  revokedContractEnded: number;
}

/**
 * The scheduled pass over one organization: start approved grants whose time has come, expire
 * grants past their date, and revoke what end dates and offboarding took away (catching changes
 * whose date arrived after they were saved). Idempotent.
 */
export async function sweepOrganizationGrants(
  orgId: string,
  now = new Date(),
): Promise<SweepResult> {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const activated = await tx
      .update(accessGrants)
      .set({ status: 'active', updatedAt: now })
      .where(
        and(
          eq(accessGrants.orgId, orgId),
          eq(accessGrants.status, 'approved'),
          lte(accessGrants.startsAt, now),
          or(isNull(accessGrants.expiresAt), gt(accessGrants.expiresAt, now)),
        ),
      )
      .returning({ id: accessGrants.id });
    for (const g of activated)
      await appendAudit(tx, {
        orgId,
        actor: SCHEDULER,
        action: 'access.grant_activated',
        entityType: 'access_grant',
        entityId: g.id,
        after: { status: 'active' },
        requestId: null,
        ip: null,
      });
    const expired = await endGrants(
      tx,
      orgId,
      SCHEDULER,
      lte(accessGrants.expiresAt, now),
      'expired',
      'Reached its expiry date.',
      ['approved', 'active'],
    );
    const today = isoDay(now);
    const revokedDeparted = await endGrants(
      tx,
      orgId,
      SCHEDULER,
      sql`${accessGrants.personId} in (select p.id from people p where p.org_id = ${orgId} and p.end_date < ${today}::date)`,
      'revoked',
      'The person’s end date has passed.',
    );
    const revokedVendor = await endGrants(
      tx,
      orgId,
      SCHEDULER,
      sql`${accessGrants.personId} in (select p.id from ${people} p join ${vendors} v on v.org_id = p.org_id and v.id = p.vendor_id where p.org_id = ${orgId} and v.status in (${sql.join(
        VENDOR_CLOSED.map((s) => sql`${s}`),
        sql`, `,
      )}))`,
      'revoked',
      'Their vendor is suspended or being offboarded.',
    );
    // A contract that has ended is offboarding by the calendar (docs/PRODUCT.md §Vendors): the
    // day after `contract_end`, the vendor's people lose their access as if it were offboarded.
    const revokedContractEnded = await endGrants(
      tx,
      orgId,
      SCHEDULER,
      sql`${accessGrants.personId} in (select p.id from ${people} p join ${vendors} v on v.org_id = p.org_id and v.id = p.vendor_id where p.org_id = ${orgId} and v.contract_end < ${today}::date)`,
      'revoked',
      'Their vendor’s contract has ended.',
    );
    return {
      activated: activated.length,
      expired,
      revokedDeparted,
      revokedVendor,
      revokedContractEnded,
    };
  });
}

export async function allOrganizationIds(): Promise<string[]> {
  const rows = await withSystem((tx) => tx.select({ id: organizations.id }).from(organizations));
  return rows.map((r) => r.id);
}
