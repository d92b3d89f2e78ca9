import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { apiKeys, auditLog, memberships } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { AUDIT_READERS, canAccess, ROLES, type Role } from '@/server/domain/tenancy/roles';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';

/** The tenant's headline figures; activity is included only for roles that may read the audit log. */
export async function getOverview(actor: OrgActor) {
  return withTenant(tenantOf(actor), async (tx) => {
    const roleRows = await tx
      .select({ role: memberships.role, n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.status, 'active')))
      .groupBy(memberships.role);
    const membersByRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
    for (const row of roleRows) membersByRole[row.role] = row.n;
    const [keys] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(
        and(
          eq(apiKeys.orgId, actor.orgId),
          isNull(apiKeys.revokedAt),
          or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, new Date())),
        ),
      );
    const canReadAudit = canAccess(actor.role, AUDIT_READERS);
    const [auditStats] = await tx
      .select({
        n: sql<number>`count(*)::int`,
        signInsToday: sql<number>`count(*) filter (where ${auditLog.action} = 'auth.sign_in' and ${auditLog.occurredAt} > now() - interval '24 hours')::int`,
        failedToday: sql<number>`count(*) filter (where ${auditLog.action} = 'auth.sign_in_failed' and ${auditLog.occurredAt} > now() - interval '24 hours')::int`,
      })
      .from(auditLog)
      .where(eq(auditLog.orgId, actor.orgId));
    const recent = canReadAudit
      ? await tx
          .select({
            seq: auditLog.seq,
            occurredAt: auditLog.occurredAt,
            actorLabel: auditLog.actorLabel,
            action: auditLog.action,
            entityType: auditLog.entityType,
          })
          .from(auditLog)
          .where(eq(auditLog.orgId, actor.orgId))
          .orderBy(desc(auditLog.seq))
          .limit(8)
      : [];
    return {
      membersByRole,
      activeMembers: roleRows.reduce((s, r) => s + r.n, 0),
      activeApiKeys: keys?.n ?? 0,
      audit: canReadAudit
        ? {
            entries: auditStats?.n ?? 0,
            signInsToday: auditStats?.signInsToday ?? 0,
            failedSignInsToday: auditStats?.failedToday ?? 0,
            recent,
          }
        : null,
    };
  });
}
