import { withTenant } from '@/db/tenant';
import type { ChatKindInput } from '@/server/domain/chat/inputs';
import { slackNotice, teamsCard, type NoticeFacts } from '@/server/domain/chat/messages';
import { auditMemberChange } from '@/server/services/audit/log';
import { appLink } from '@/server/services/outbound/events';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { loadConnection, openConnection } from './connection-records';
import { recordConnectionOutcome } from './connection-state';
import { ChatDeliveryError, postToWebhook, slackClient, slackFailure } from './transport';

/**
 * "Send test message": to the channel (or webhook) the connection posts to; a bot without a
 * channel DMs the admin who asked. The outcome is recorded on the connection like a delivery.
 */
export async function sendChatTest(actor: OrgActor, { kind }: ChatKindInput) {
  const row = await withTenant(tenantOf(actor), (tx) => loadConnection(tx, actor.orgId, kind));
  if (!row) throw new UserFacingError('NOT_FOUND', 'This integration is not connected.');
  const notice: NoticeFacts = {
    title: 'Vigil test message',
    summary: `Sent by ${actor.email} from the integrations settings. Approvals and critical signals will arrive like this.`,
    facts: [],
    url: appLink('/settings/integrations'),
  };
  let failure: ChatDeliveryError | null = null;
  let where = 'the webhook';
  try {
    const conn = openConnection(row);
    if (kind === 'teams' && conn.mode === 'webhook')
      await postToWebhook(conn.url, teamsCard(notice));
    else if (conn.mode === 'webhook') await postToWebhook(conn.url, slackNotice(notice));
    else {
      const client = slackClient(conn.token);
      let channel = conn.channelId;
      where = channel ? `channel ${channel}` : 'your direct messages';
      try {
        if (!channel) {
          const found = await client.users.lookupByEmail({ email: actor.email });
          channel = (await client.conversations.open({ users: found.user!.id! })).channel!.id!;
        }
        await client.chat.postMessage({ channel, ...slackNotice(notice) });
      } catch (error) {
        throw slackFailure(error);
      }
    }
  } catch (error) {
    failure =
      error instanceof ChatDeliveryError
        ? error
        : new ChatDeliveryError('auth', (error as Error).message);
  }
  await recordConnectionOutcome(row, { delivered: !failure, failure });
  await withTenant(tenantOf(actor), (tx) =>
    auditMemberChange(tx, actor, {
      action: 'chat.test_sent',
      entityType: 'chat_connection',
      entityId: row.id,
      after: { kind, ok: !failure, error: failure?.message ?? null },
    }),
  );
  if (failure)
    throw new UserFacingError('PRECONDITION_FAILED', `The test message failed: ${failure.message}`);
  return { sentTo: where };
}
