import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { chatConnections } from '@/db/schema';
import type { ChatKind } from '@/server/domain/chat/kinds';
import { openOrgSecret } from '@/server/services/shared/secrets';

export type ChatConnectionRow = typeof chatConnections.$inferSelect;

// Each sealed value is bound to its organization and purpose (docs/SECURITY.md §Secrets at rest).
export const SECRET_PURPOSE = {
  botToken: 'chat.slack.bot_token',
  signingSecret: 'chat.slack.signing_secret',
  webhookUrl: (kind: ChatKind) => `chat.${kind}.webhook_url`,
} as const;

export async function loadConnection(
  tx: Tx,
  orgId: string,
  kind: ChatKind,
  lock = false,
): Promise<ChatConnectionRow | null> {
  const q = tx
    .select()
    .from(chatConnections)
    .where(and(eq(chatConnections.orgId, orgId), eq(chatConnections.kind, kind)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The destination a connection posts to, its secrets opened (in memory only, never logged). */
export type OpenedConnection =
  { mode: 'bot'; token: string; channelId: string | null } | { mode: 'webhook'; url: string };

export function openConnection(row: ChatConnectionRow): OpenedConnection {
  if (row.mode === 'bot') {
    if (!row.botTokenSealed) throw new Error('The Slack connection has no bot token.');
    return {
      mode: 'bot',
      token: openOrgSecret(row.orgId, SECRET_PURPOSE.botToken, row.botTokenSealed),
      channelId: row.channelId,
    };
  }
  if (!row.webhookUrlSealed) throw new Error('The connection has no webhook URL.');
  return {
    mode: 'webhook',
    url: openOrgSecret(row.orgId, SECRET_PURPOSE.webhookUrl(row.kind), row.webhookUrlSealed),
  };
}

/** What an admin sees of a connection: hints, never a secret. */
export function connectionView(row: ChatConnectionRow) {
  return {
    kind: row.kind,
    mode: row.mode,
    teamId: row.slackTeamId,
    channelId: row.channelId,
    botTokenHint: row.botTokenHint,
    signingSecretHint: row.signingSecretHint,
    webhookUrlHint: row.webhookUrlHint,
    status: row.status,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    lastDeliveredAt: row.lastDeliveredAt,
    checkpoint: row.checkpoint,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type ChatConnectionView = ReturnType<typeof connectionView>;
