import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, ilike, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import {
  GENESIS_HASH,
  hashAuditEntry,
  toStoredJson,
  verifyAuditChain,
  type AuditEntry,
  type AuditEntryContent,
  type ChainVerification,
} from '@/server/domain/audit/chain';
import { tenantOf, type OrgActor, type RequestMeta } from '@/server/services/shared/actor';
import { escapeLike } from '@/server/services/shared/sql-helpers';

export interface AuditActor {
  type: AuditEntryContent['actorType'];
  id: string | null;
  label: string;
}

export interface AuditRecord extends RequestMeta {
  orgId: string;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export function userActor(actor: OrgActor): AuditActor {
  return { type: 'user', id: actor.userId, label: actor.email };
}

/** A member's change: organization, actor and request come from the member acting. */
export async function auditMemberChange(
  tx: Tx,
  actor: OrgActor,
  change: Pick<AuditRecord, 'action' | 'entityType' | 'entityId' | 'before' | 'after'>,
): Promise<AuditEntry> {
  return appendAudit(tx, {
    ...change,
    orgId: actor.orgId,
    actor: userActor(actor),
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

/**
 * Appends one entry to the organization's chain inside the caller's transaction, so the entry
 * commits or rolls back with the change it records. The advisory lock serializes writers per
 * organization so two transactions never extend the same head.
 */
export async function appendAudit(tx: Tx, record: AuditRecord): Promise<AuditEntry> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${record.orgId}, 42))`);
  const [head] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.orgId, record.orgId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const content: AuditEntryContent = {
    orgId: record.orgId,
    seq: (head?.seq ?? 0) + 1,
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    actorType: record.actor.type,
    actorId: record.actor.id,
    actorLabel: record.actor.label,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    before: toStoredJson(record.before),
    after: toStoredJson(record.after),
    requestId: record.requestId,
    ip: record.ip,
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = hashAuditEntry(content, prevHash);
  await tx
    .insert(auditLog)
    .values({ ...content, occurredAt: new Date(content.occurredAt), prevHash, hash });
  return { ...content, prevHash, hash };
}

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  entityType: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

/** Newest first, keyset-paginated on seq. */
export async function listAuditEntries(actor: OrgActor, input: AuditFilter) {
  const f = auditFilterSchema.parse(input);
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

function toEntry(row: typeof auditLog.$inferSelect): AuditEntry {
  return { ...row, occurredAt: row.occurredAt.toISOString() };
}

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
    const result = verifyAuditChain(rows.map(toEntry), prevHash, nextSeq);
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
