import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ReadAuditInput } from '@/server/domain/read-api/inputs';
import type { ReadAuditEntry, ReadPage } from '@/server/domain/read-api/shapes';
import { escapeLike } from '@/server/services/shared/sql-helpers';
import { iso, keyScope, pageOf } from './page';

/**
 * The organization's audit log, newest first on its chain sequence; `prevHash`/`hash` let a client
 * check the chain it pages through (docs/SECURITY.md §Audit chain).
 */
export async function readAudit(
  orgId: string,
  f: ReadAuditInput,
): Promise<ReadPage<ReadAuditEntry>> {
  const conditions: SQL[] = [eq(auditLog.orgId, orgId)];
  if (f.action)
    conditions.push(
      f.action.endsWith('*')
        ? like(auditLog.action, `${escapeLike(f.action.slice(0, -1))}%`)
        : eq(auditLog.action, f.action),
    );
  if (f.entityType) conditions.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conditions.push(eq(auditLog.entityId, f.entityId));
  if (f.since) conditions.push(gte(auditLog.occurredAt, f.since));
  if (f.until) conditions.push(lt(auditLog.occurredAt, f.until));
  if (f.cursor) conditions.push(lt(auditLog.seq, f.cursor[0]));
  const rows = await withTenant(keyScope(orgId), (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.seq))
      .limit(f.limit + 1),
  );
  return pageOf(
    rows,
    f.limit,
    (e) => ({
      seq: e.seq,
      id: e.id,
      occurredAt: iso(e.occurredAt),
      actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
      requestId: e.requestId,
      ip: e.ip,
      payloadDigest: e.payloadDigest,
      payloadNonce: e.payloadNonce,
      redacted: e.redactedAt !== null,
      prevHash: e.prevHash,
      hash: e.hash,
    }),
    (e) => [e.seq],
  );
}
