import { and, eq, sql } from 'drizzle-orm';
import { chatConnections } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { CHAT_KIND_LABELS } from '@/server/domain/chat/kinds';
import { appendAudit } from '@/server/services/audit/log';
import { notifyAdminsOfFailure } from '@/server/services/notifications/failures';
import { appLink, recordOutboundEvent } from '@/server/services/outbound/events';
import type { ChatConnectionRow } from './connection-records';
import type { ChatDeliveryError } from './transport';

/**
 * Records how a run (or a test message) went on its connection: the checkpoint moves forward only
 * (two runs at once never move it back), the last error is kept for the settings page, and a
 * refused token or deleted webhook marks the connection `needs_attention` (it waits for an admin)
 * and records `connector.failed` (docs/INTEGRATIONS.md §Slack).
 */
export async function recordConnectionOutcome(
  row: ChatConnectionRow,
  outcome: { checkpoint?: number; delivered: boolean; failure: ChatDeliveryError | null },
): Promise<void> {
  const { failure } = outcome;
  await withTenant({ orgId: row.orgId, userId: null }, async (tx) => {
    const now = new Date();
    // A recipient Slack does not know is noted, not retried: the connection itself works.
    const status =
      !failure || failure.kind === 'recipient'
        ? 'active'
        : failure.kind === 'auth'
          ? 'needs_attention'
          : 'failing';
    const updated = await tx
      .update(chatConnections)
      .set({
        ...(outcome.checkpoint !== undefined
          ? { checkpoint: sql`greatest(${chatConnections.checkpoint}, ${outcome.checkpoint})` }
          : {}),
        ...(outcome.delivered ? { lastDeliveredAt: now } : {}),
        ...(failure ? { lastError: failure.message, lastErrorAt: now } : {}),
        // A failing connection that delivers again is active; a `needs_attention` one stays until an admin reconnects.
        status: sql`case when ${chatConnections.status} = 'needs_attention' and ${status} <> 'needs_attention' then ${chatConnections.status} else ${status} end`,
        updatedAt: now,
      })
      .where(and(eq(chatConnections.orgId, row.orgId), eq(chatConnections.id, row.id)))
      .returning({ id: chatConnections.id });
    if (updated.length === 0 || failure?.kind !== 'auth' || row.status === 'needs_attention')
      return;
    const name = CHAT_KIND_LABELS[row.kind];
    await appendAudit(tx, {
      orgId: row.orgId,
      actor: { type: 'system', id: null, label: 'Vigil' },
      action: 'chat.needs_attention',
      entityType: 'chat_connection',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'needs_attention', error: failure.message },
      requestId: null,
      ip: null,
    });
    await recordOutboundEvent(
      tx,
      row.orgId,
      'connector.failed',
      { type: 'chat_connection', id: row.id },
      {
        connector: { id: row.id, kind: row.kind, name },
        error: failure.message,
        url: appLink('/settings/integrations'),
      },
    );
    await notifyAdminsOfFailure(tx, row.orgId, {
      what: `${name} connection`,
      detail: `${name} refused Vigil's credentials: ${failure.message}. Reconnect it in the settings.`,
      link: '/settings/integrations',
    });
  });
}
