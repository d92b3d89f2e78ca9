import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships } from '@/db/schema';
import { setTenant } from '@/db/tenant';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import type { RequestMeta } from '@/server/services/shared/actor';

/**
 * A second factor belongs to the account, not to one organization, so each change or use is
 * recorded in every organization where the account is an active member (as failed sign-ins
 * are). Entries name the factor, never a secret or a code.
 */
export async function auditAccount(
  tx: Tx,
  account: { userId: string; email: string },
  entry: { action: string; after?: unknown; actor?: AuditActor },
  meta: RequestMeta,
): Promise<void> {
  const rows = await tx
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(and(eq(memberships.userId, account.userId), eq(memberships.status, 'active')));
  for (const { orgId } of rows) {
    await setTenant(tx, orgId);
    await appendAudit(tx, {
      orgId,
      actor: entry.actor ?? { type: 'user', id: account.userId, label: account.email },
      action: entry.action,
      entityType: 'user',
      entityId: account.userId,
      after: entry.after,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  }
}
