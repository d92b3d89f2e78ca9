import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { siemDestinations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { secretHint } from '@/server/domain/secrets/secret-box';
import type {
  CreateSiemDestinationInput,
  SiemDestinationIdInput,
} from '@/server/domain/siem/inputs';
import { testRecord } from '@/server/domain/siem/records';
import { auditMemberChange } from '@/server/services/audit/log';
import { latestOutboundSequence } from '@/server/services/outbound/events';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { resolvePinnedHost } from '@/server/services/shared/pinned-host';
import { sealOrgSecret } from '@/server/services/shared/secrets';
import {
  HEC_TOKEN_PURPOSE,
  destinationRow,
  latestAuditSequence,
  orgSlug,
  targetOf,
  vigilHostname,
} from './destinations';
import { requestSiemStream } from './jobs';
import { deliverBatch } from './transport';

const NOT_FOUND = 'No such SIEM destination in this organization.';

/** What the audit log keeps of a destination: its settings, never the token (only its hint). */
function auditView(row: {
  name: string;
  kind: string;
  config: unknown;
  sources: string[];
  eventTypes: string[];
  tokenHint: string | null;
  status: string;
}) {
  const config = { ...(row.config as Record<string, unknown>) };
  const syslog = config.syslog as Record<string, unknown> | undefined;
  if (syslog?.caPem) config.syslog = { ...syslog, caPem: '(CA certificate)' };
  return {
    name: row.name,
    kind: row.kind,
    config,
    sources: row.sources,
    eventTypes: row.eventTypes,
    tokenHint: row.tokenHint,
    status: row.status,
  };
}

/**
 * Adds a destination. It starts at the newest outbound event and audit entry (it streams what
 * follows, this change's own audit entry included); older history is in Vigil's audit page.
 */
export async function createSiemDestination(actor: OrgActor, input: CreateSiemDestinationInput) {
  // Checked again before every delivery; here so the form says so at once.
  await resolvePinnedHost(
    input.kind === 'syslog' ? input.syslog.host : new URL(input.hec.url).hostname,
    'SIEM records',
  );
  const sealed =
    input.kind === 'splunk_hec'
      ? {
          tokenSealed: sealOrgSecret(actor.orgId, HEC_TOKEN_PURPOSE, input.token),
          tokenHint: secretHint(input.token),
        }
      : { tokenSealed: null, tokenHint: null };
  const config =
    input.kind === 'syslog'
      ? { kind: 'syslog' as const, syslog: input.syslog }
      : { kind: 'splunk_hec' as const, hec: input.hec };
  const created = await withTenant(tenantOf(actor), async (tx) => {
    const existing = await tx
      .select({ name: siemDestinations.name })
      .from(siemDestinations)
      .where(eq(siemDestinations.orgId, actor.orgId));
    if (existing.some((e) => e.name.toLowerCase() === input.name.toLowerCase()))
      throw new UserFacingError('CONFLICT', `A destination named “${input.name}” already exists.`);
    const [row] = await tx
      .insert(siemDestinations)
      .values({
        orgId: actor.orgId,
        name: input.name,
        kind: input.kind,
        config,
        ...sealed,
        sources: input.sources,
        eventTypes: input.eventTypes,
        outboundSeq: await latestOutboundSequence(tx, actor.orgId),
        auditSeq: await latestAuditSequence(tx, actor.orgId),
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('siem destination insert returned nothing');
    await auditMemberChange(tx, actor, {
      action: 'siem_destination.created',
      entityType: 'siem_destination',
      entityId: row.id,
      after: auditView(row),
    });
    return { id: row.id, name: row.name, tokenHint: row.tokenHint };
  });
  await requestSiemStream(actor.orgId);
  return created;
}

async function setStatus(
  actor: OrgActor,
  { id }: SiemDestinationIdInput,
  to: 'active' | 'paused',
  action: string,
) {
  await withTenant(tenantOf(actor), async (tx) => {
    const row = await destinationRow(tx, actor.orgId, id);
    if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
    if (to === 'paused' && row.status === 'paused')
      throw new UserFacingError('PRECONDITION_FAILED', 'This destination is already paused.');
    if (to === 'active' && row.status !== 'paused')
      throw new UserFacingError('PRECONDITION_FAILED', 'Only a paused destination can resume.');
    await tx
      .update(siemDestinations)
      .set({
        status: to,
        // Resuming tries at once with a clean slate; the checkpoints stay where they were.
        ...(to === 'active' ? { failures: 0, nextAttemptAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(siemDestinations.orgId, actor.orgId), eq(siemDestinations.id, id)));
    await auditMemberChange(tx, actor, {
      action,
      entityType: 'siem_destination',
      entityId: id,
      before: { status: row.status },
      after: { status: to },
    });
  });
  if (to === 'active') await requestSiemStream(actor.orgId);
}

export const pauseSiemDestination = (actor: OrgActor, input: SiemDestinationIdInput) =>
  setStatus(actor, input, 'paused', 'siem_destination.paused');

export const resumeSiemDestination = (actor: OrgActor, input: SiemDestinationIdInput) =>
  setStatus(actor, input, 'active', 'siem_destination.resumed');

export async function deleteSiemDestination(actor: OrgActor, { id }: SiemDestinationIdInput) {
  await withTenant(tenantOf(actor), async (tx) => {
    const row = await destinationRow(tx, actor.orgId, id);
    if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
    await tx
      .delete(siemDestinations)
      .where(and(eq(siemDestinations.orgId, actor.orgId), eq(siemDestinations.id, id)));
    await auditMemberChange(tx, actor, {
      action: 'siem_destination.deleted',
      entityType: 'siem_destination',
      entityId: id,
      before: auditView(row),
    });
  });
}

/**
 * Sends one test record now, outside the stream (checkpoints do not move), and audits the try
 * with its outcome. A failure is an answer, not an error: the page shows what the receiver said.
 */
export async function testSiemDestination(actor: OrgActor, { id }: SiemDestinationIdInput) {
  const { row, slug } = await withTenant(tenantOf(actor), async (tx) => ({
    row: await destinationRow(tx, actor.orgId, id),
    slug: await orgSlug(tx, actor.orgId),
  }));
  if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
  const record = testRecord({ id: actor.orgId, slug }, randomUUID(), new Date());
  let error: string | null = null;
  try {
    await deliverBatch(targetOf(row), [record], vigilHostname());
  } catch (e) {
    error = (e as Error).message.slice(0, 300);
  }
  await withTenant(tenantOf(actor), (tx) =>
    auditMemberChange(tx, actor, {
      action: 'siem_destination.tested',
      entityType: 'siem_destination',
      entityId: id,
      after: { ok: error === null, error, recordId: record.id },
    }),
  );
  return error === null
    ? { ok: true as const, message: 'Sent 1 test record.' }
    : { ok: false as const, message: error };
}
