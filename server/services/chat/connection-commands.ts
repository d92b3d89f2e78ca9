import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { chatConnections, chatDeliveries } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type {
  ChatKindInput,
  ConnectSlackInput,
  ConnectTeamsInput,
  SetSlackChannelInput,
} from '@/server/domain/chat/inputs';
import type { ChatKind } from '@/server/domain/chat/kinds';
import { chatWebhookUrlProblem } from '@/server/domain/chat/webhook-url';
import { secretHint } from '@/server/domain/secrets/secret-box';
import { getEnv } from '@/server/env';
import { auditMemberChange } from '@/server/services/audit/log';
import { latestOutboundSequence } from '@/server/services/outbound/events';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { sealOrgSecret } from '@/server/services/shared/secrets';
import { isUniqueViolation } from '@/server/services/shared/sql-helpers';
import { connectionView, loadConnection, SECRET_PURPOSE } from './connection-records';
import { slackClient, slackFailure } from './transport';

function webhookHint(url: string): string {
  const host = new URL(url).hostname;
  return `${host}/…${url.slice(-4)}`;
}

function checkWebhookUrl(kind: ChatKind, url: string): void {
  const problem = chatWebhookUrlProblem(kind, url, getEnv().VIGIL_WEBHOOK_ALLOW_PRIVATE === '1');
  if (problem) throw new UserFacingError('BAD_REQUEST', problem);
}

type ConnectionValues = Omit<
  typeof chatConnections.$inferInsert,
  'orgId' | 'id' | 'kind' | 'checkpoint' | 'createdBy' | 'createdAt'
>;

/**
 * Creates or replaces the organization's connection of one kind. A new one starts at the newest
 * event (it sends what follows); a replaced one keeps its checkpoint, so what failed under the
 * old token goes out under the new one.
 */
async function upsertConnection(tx: Tx, actor: OrgActor, kind: ChatKind, values: ConnectionValues) {
  const before = await loadConnection(tx, actor.orgId, kind, true);
  const now = new Date();
  const reset = { status: 'active' as const, lastError: null, lastErrorAt: null, updatedAt: now };
  try {
    if (before)
      await tx
        .update(chatConnections)
        .set({ ...values, ...reset })
        .where(and(eq(chatConnections.orgId, actor.orgId), eq(chatConnections.id, before.id)));
    else
      await tx.insert(chatConnections).values({
        ...values,
        ...reset,
        orgId: actor.orgId,
        kind,
        checkpoint: await latestOutboundSequence(tx, actor.orgId),
        createdBy: actor.userId,
      });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new UserFacingError(
        'CONFLICT',
        'That Slack workspace is already connected to another Vigil organization; disconnect it there first.',
      );
    throw e;
  }
  const after = (await loadConnection(tx, actor.orgId, kind))!;
  await auditMemberChange(tx, actor, {
    action: 'chat.connected',
    entityType: 'chat_connection',
    entityId: after.id,
    before: before ? auditView(before) : null,
    after: auditView(after),
  });
  return connectionView(after);
}

// Hints only: the audit log never holds a token, secret or webhook URL.
function auditView(row: Parameters<typeof connectionView>[0]) {
  const v = connectionView(row);
  return {
    kind: v.kind,
    mode: v.mode,
    teamId: v.teamId,
    channelId: v.channelId,
    botToken: v.botTokenHint,
    signingSecret: v.signingSecretHint,
    webhookUrl: v.webhookUrlHint,
  };
}

/**
 * Connects Slack (docs/INTEGRATIONS.md §Slack). A bot token is checked with `auth.test` first: it
 * must work and belong to the workspace named, so interactions from that workspace find this
 * organization.
 */
export async function connectSlack(actor: OrgActor, input: ConnectSlackInput) {
  if (input.mode === 'webhook') {
    checkWebhookUrl('slack', input.webhookUrl);
    const sealed = sealOrgSecret(actor.orgId, SECRET_PURPOSE.webhookUrl('slack'), input.webhookUrl);
    return withTenant(tenantOf(actor), (tx) =>
      upsertConnection(tx, actor, 'slack', {
        mode: 'webhook',
        slackTeamId: null,
        channelId: null,
        botTokenSealed: null,
        signingSecretSealed: null,
        botTokenHint: null,
        signingSecretHint: null,
        webhookUrlSealed: sealed,
        webhookUrlHint: webhookHint(input.webhookUrl),
      }),
    );
  }
  const botToken = sealOrgSecret(actor.orgId, SECRET_PURPOSE.botToken, input.botToken);
  const signingSecret = sealOrgSecret(
    actor.orgId,
    SECRET_PURPOSE.signingSecret,
    input.signingSecret,
  );
  let teamId: string;
  try {
    const auth = await slackClient(input.botToken).auth.test();
    teamId = String(auth.team_id ?? '');
  } catch (error) {
    const failure = slackFailure(error);
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      failure.kind === 'auth'
        ? `Slack refused the bot token: ${failure.message} Copy the Bot User OAuth Token again.`
        : `Vigil could not check the token with Slack: ${failure.message} Try again.`,
    );
  }
  if (teamId !== input.teamId)
    throw new UserFacingError(
      'BAD_REQUEST',
      `The bot token belongs to workspace ${teamId || '(unknown)'}, not ${input.teamId}.`,
    );
  return withTenant(tenantOf(actor), (tx) =>
    upsertConnection(tx, actor, 'slack', {
      mode: 'bot',
      slackTeamId: teamId,
      channelId: input.channelId,
      botTokenSealed: botToken,
      signingSecretSealed: signingSecret,
      botTokenHint: `xoxb-${secretHint(input.botToken)}`,
      signingSecretHint: secretHint(input.signingSecret),
      webhookUrlSealed: null,
      webhookUrlHint: null,
    }),
  );
}

/** Connects Microsoft Teams through an incoming webhook (docs/INTEGRATIONS.md §Microsoft Teams). */
export async function connectTeams(actor: OrgActor, input: ConnectTeamsInput) {
  checkWebhookUrl('teams', input.webhookUrl);
  const sealed = sealOrgSecret(actor.orgId, SECRET_PURPOSE.webhookUrl('teams'), input.webhookUrl);
  return withTenant(tenantOf(actor), (tx) =>
    upsertConnection(tx, actor, 'teams', {
      mode: 'webhook',
      slackTeamId: null,
      channelId: null,
      botTokenSealed: null,
      signingSecretSealed: null,
      botTokenHint: null,
      signingSecretHint: null,
      webhookUrlSealed: sealed,
      webhookUrlHint: webhookHint(input.webhookUrl),
    }),
  );
}

/** The channel critical signals, escalations and new cases go to (bot mode). */
export async function setSlackChannel(actor: OrgActor, { channelId }: SetSlackChannelInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const row = await loadConnection(tx, actor.orgId, 'slack', true);
    if (!row || row.mode !== 'bot')
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        'Connect Slack with a bot token first; a notify-only webhook posts to the channel it was made for.',
      );
    await tx
      .update(chatConnections)
      .set({ channelId, updatedAt: new Date() })
      .where(and(eq(chatConnections.orgId, actor.orgId), eq(chatConnections.id, row.id)));
    await auditMemberChange(tx, actor, {
      action: 'chat.channel_set',
      entityType: 'chat_connection',
      entityId: row.id,
      before: { channelId: row.channelId },
      after: { channelId },
    });
    return { channelId };
  });
}

/** Removes a connection, its sealed secrets and its delivery records. */
export async function disconnectChat(actor: OrgActor, { kind }: ChatKindInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const row = await loadConnection(tx, actor.orgId, kind, true);
    if (!row) throw new UserFacingError('NOT_FOUND', 'This integration is not connected.');
    await tx
      .delete(chatDeliveries)
      .where(and(eq(chatDeliveries.orgId, actor.orgId), eq(chatDeliveries.connectionId, row.id)));
    await tx
      .delete(chatConnections)
      .where(and(eq(chatConnections.orgId, actor.orgId), eq(chatConnections.id, row.id)));
    await auditMemberChange(tx, actor, {
      action: 'chat.disconnected',
      entityType: 'chat_connection',
      entityId: row.id,
      before: auditView(row),
      after: null,
    });
    return { kind };
  });
}
