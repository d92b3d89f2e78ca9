import { and, desc, eq, gte, ilike, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import {
  GENESIS_HASH,
  verifyAuditChain,
  type ChainVerification,
} from '@/server/domain/audit/chain';
import type { AuditFilter } from '@/server/domain/audit/inputs';
import { auditEntryFromRow } from '@/server/services/audit/log';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { escapeLike } from '@/server/services/shared/sql-helpers';

/** Newest first, keyset-paginated on seq. */
export async function listAuditEntries(actor: OrgActor, f: AuditFilter) {
  const conditions: SQL[] = [eq(auditLog.orgId, actor.orgId)];
  if (f.action) conditions.push(ilike(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.actor) conditions.push(ilike(auditLog.actorLabel, `%${escapeLike(f.actor)}%`));
  if (f.entityType) conditions.push(eq(auditLog.entityType, f.entityType));
  if (f.from) conditions.push(gte(auditLog.occurredAt, f.from));
  if (f.to) conditions.push(lte(auditLog.occurredAt, f.to));
  if (f.cursor) conditions.push(lt(auditLog.seq, f.cursor));
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.seq))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  return {
    entries: page,
    nextCursor: rows.length > f.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

export async function listAuditEntityTypes(actor: OrgActor): Promise<string[]> {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .selectDistinct({ entityType: auditLog.entityType })
      .from(auditLog)
      .where(eq(auditLog.orgId, actor.orgId))
      .orderBy(auditLog.entityType),
  );
  return rows.map((r) => r.entityType);
}

const VERIFY_CHUNK = 5000;

/** Walks the whole chain in seq order, a chunk at a time so memory stays flat. */
async function verifyChainInTx(tx: Tx, orgId: string): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let nextSeq = 1;
  let total = 0;
  for (;;) {
    const rows = await tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), gte(auditLog.seq, nextSeq)))
      .orderBy(auditLog.seq)
      .limit(VERIFY_CHUNK);
    const result = verifyAuditChain(rows.map(auditEntryFromRow), prevHash, nextSeq);
    if (!result.ok) return { ...result, entries: total + result.entries };
    total += result.entries;
    if (rows.length < VERIFY_CHUNK) return { ok: true, entries: total, headHash: result.headHash };
    prevHash = result.headHash;
    nextSeq += rows.length;
  }
}

export async function verifyOrgAuditChain(actor: OrgActor): Promise<ChainVerification> {
  return withTenant(tenantOf(actor), (tx) => verifyChainInTx(tx, actor.orgId));
}

/** For the CLI, which acts as the operator rather than a member. */
export async function verifyAuditChainAsSystem(orgId: string): Promise<ChainVerification> {
  return withSystem((tx) => verifyChainInTx(tx, orgId), { orgId });
}

export async function recentAuditEntries(actor: OrgActor, limit: number) {
  const { entries } = await listAuditEntries(actor, { limit });
  return entries;
}

export async function auditEntryCount(actor: OrgActor): Promise<number> {
  const [row] = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.orgId, actor.orgId)),
  );
  return row?.n ?? 0;
}
