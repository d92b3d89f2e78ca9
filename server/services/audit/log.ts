import { randomBytes, randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { auditLog } from '@/db/schema';
import {
  GENESIS_HASH,
  sealAuditEntry,
  toStoredJson,
  type AuditEntry,
  type AuditEntryContent,
} from '@/server/domain/audit/chain';
import type { OrgActor, RequestMeta } from '@/server/services/shared/actor';

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
  const sealed = sealAuditEntry(content, prevHash, randomBytes(16).toString('hex'));
  await tx
    .insert(auditLog)
    .values({ ...content, ...sealed, occurredAt: new Date(content.occurredAt), prevHash });
  return { ...content, ...sealed, prevHash };
}

/** A stored row as the chain functions read it (only the hashed fields, by name). */
export function auditEntryFromRow(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    orgId: row.orgId,
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    ip: row.ip,
    payloadDigest: row.payloadDigest,
    payloadNonce: row.payloadNonce,
    redacted: row.redactedAt !== null,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
