import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { connectors } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { connectorUrlRefusal } from '@/server/domain/connectors/http';
import type {
  ConnectorIdInput,
  CreateConnectorInput,
  ReplaceConnectorSecretInput,
  SetConnectorIntervalInput,
} from '@/server/domain/connectors/inputs';
import { secretHint } from '@/server/domain/secrets/secret-box';
import { UserFacingError } from '@/server/services/shared/errors';
import { privateTargetsAllowed, resolvePinnedHost } from '@/server/services/shared/pinned-host';
import {
  NOT_FOUND,
  auditConnector,
  auditView,
  byId,
  connectorRow,
  sealConnectorSecret,
  type ConnectorActor,
} from './connector-rows';
import { requestConnectorRun } from './jobs';
import { sourceOf } from './sources';

/** The provider's URL under the outbound policy, checked when added so the form says so at once. */
async function checkTarget(kind: CreateConnectorInput['kind'], settings: unknown): Promise<void> {
  const source = sourceOf(kind);
  const raw = source.baseUrl?.(source.parseSettings(settings));
  if (!raw) return;
  const url = new URL(raw);
  const refusal = connectorUrlRefusal(url, privateTargetsAllowed());
  if (refusal) throw new UserFacingError('BAD_REQUEST', refusal);
  await resolvePinnedHost(url.hostname.replace(/^\[|\]$/g, ''), 'connector requests');
}

/**
 * Adds a connector. The secret is sealed before anything is stored (refused, saying why, when
 * VIGIL_SECRETS_KEY is not set) and only its hint is kept readable. Its first run is queued now.
 */
export async function createConnector(actor: ConnectorActor, input: CreateConnectorInput) {
  await checkTarget(input.kind, input.settings);
  const id = randomUUID();
  const secretSealed = sealConnectorSecret(actor.orgId, id, input.secret);
  const created = await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const existing = await tx
      .select({ name: connectors.name })
      .from(connectors)
      .where(eq(connectors.orgId, actor.orgId));
    if (existing.some((e) => e.name.toLowerCase() === input.name.toLowerCase()))
      throw new UserFacingError('CONFLICT', `A connector named “${input.name}” already exists.`);
    const [row] = await tx
      .insert(connectors)
      .values({
        orgId: actor.orgId,
        id,
        kind: input.kind,
        name: input.name,
        settings: input.settings,
        secretSealed,
        secretHint: secretHint(input.secret),
        intervalMinutes: input.intervalMinutes,
        nextRunAt: new Date(),
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('connector insert returned nothing');
    await auditConnector(tx, actor, 'connector.created', id, { after: auditView(row) });
    return { id, name: row.name, kind: row.kind, secretHint: row.secretHint };
  });
  return created;
}

type Status = (typeof connectors.$inferSelect)['status'];

async function setStatus(actor: ConnectorActor, { id }: ConnectorIdInput, to: Status) {
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const row = await connectorRow(tx, actor.orgId, id, true);
    if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
    if (to === 'paused' && row.status === 'paused')
      throw new UserFacingError('PRECONDITION_FAILED', 'This connector is already paused.');
    if (to === 'active' && row.status === 'active')
      throw new UserFacingError('PRECONDITION_FAILED', 'This connector is already running.');
    await tx
      .update(connectors)
      .set({
        status: to,
        // Resuming runs at once; the cursor stays where it was, so nothing is fetched twice.
        ...(to === 'active' ? { nextRunAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(byId(actor.orgId, id));
    await auditConnector(
      tx,
      actor,
      to === 'paused' ? 'connector.paused' : 'connector.resumed',
      id,
      {
        before: { status: row.status },
        after: { status: to },
      },
    );
  });
}

export const pauseConnector = (actor: ConnectorActor, input: ConnectorIdInput) =>
  setStatus(actor, input, 'paused');

/** Resumes a paused connector, or one that needed attention once an admin fixed the cause. */
export const resumeConnector = (actor: ConnectorActor, input: ConnectorIdInput) =>
  setStatus(actor, input, 'active');

export async function deleteConnector(actor: ConnectorActor, { id }: ConnectorIdInput) {
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const row = await connectorRow(tx, actor.orgId, id, true);
    if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
    // Its runs go with it (cascade); the events it brought stay, like an upload's.
    await tx.delete(connectors).where(byId(actor.orgId, id));
    await auditConnector(tx, actor, 'connector.deleted', id, { before: auditView(row) });
  });
}

/** A new token (the old one expired or was revoked); a connector that needed attention resumes. */
export async function replaceConnectorSecret(
  actor: ConnectorActor,
  { id, secret }: ReplaceConnectorSecretInput,
) {
  const sealed = sealConnectorSecret(actor.orgId, id, secret);
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const row = await connectorRow(tx, actor.orgId, id, true);
    if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
    const status = row.status === 'needs_attention' ? 'active' : row.status;
    await tx
      .update(connectors)
      .set({
        secretSealed: sealed,
        secretHint: secretHint(secret),
        status,
        ...(status === 'active' ? { nextRunAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(and(byId(actor.orgId, id)));
    await auditConnector(tx, actor, 'connector.secret_replaced', id, {
      before: { secretHint: row.secretHint, status: row.status },
      after: { secretHint: secretHint(secret), status },
    });
  });
}

export async function setConnectorInterval(
  actor: ConnectorActor,
  { id, intervalMinutes }: SetConnectorIntervalInput,
) {
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const row = await connectorRow(tx, actor.orgId, id, true);
    if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
    await tx
      .update(connectors)
      .set({ intervalMinutes, updatedAt: new Date() })
      .where(byId(actor.orgId, id));
    await auditConnector(tx, actor, 'connector.interval_changed', id, {
      before: { intervalMinutes: row.intervalMinutes },
      after: { intervalMinutes },
    });
  });
}

/** "Run now": a durable job, so the page answers at once and the run survives a restart. */
export async function runConnectorNow(actor: ConnectorActor, { id }: ConnectorIdInput) {
  await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const row = await connectorRow(tx, actor.orgId, id);
    if (!row) throw new UserFacingError('NOT_FOUND', NOT_FOUND);
    if (row.status === 'paused')
      throw new UserFacingError('PRECONDITION_FAILED', 'Resume the connector first.');
    await auditConnector(tx, actor, 'connector.run_requested', id, {});
  });
  await requestConnectorRun(actor.orgId, id, 'manual', `manual:${randomUUID()}`);
  return { queued: true as const, message: 'Run queued: the history below shows it when done.' };
}
