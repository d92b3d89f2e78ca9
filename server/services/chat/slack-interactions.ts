import { and, eq } from 'drizzle-orm';
import { chatConnections } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { parseSlackInteraction } from '@/server/domain/chat/interactions';
import { APPROVE_ACTION, DENY_ACTION, DENY_CALLBACK } from '@/server/domain/chat/messages';
import { checkSlackSignature } from '@/server/domain/chat/signature';
import { appendAudit } from '@/server/services/audit/log';
import type { RequestMeta } from '@/server/services/shared/actor';
import { openOrgSecret } from '@/server/services/shared/secrets';
import { SECRET_PURPOSE } from './connection-records';
import { answerButton, answerDenySubmission, type SlackWorkspace } from './slack-decisions';

/** What the route answers Slack: a status and, for a dialog submission, a JSON body. */
export interface SlackAnswer {
  status: number;
  json: Record<string, unknown> | null;
}

const REFUSED: SlackAnswer = { status: 401, json: { error: 'invalid_request' } };
const ACK: SlackAnswer = { status: 200, json: null };

/**
 * The one lookup before an organization is known: the bot-mode Slack connection of the workspace
 * named in the payload. Every later read runs in that organization's tenant transaction.
 */
async function findWorkspace(teamId: string) {
  const [row] = await withSystem((tx) =>
    tx
      .select({
        orgId: chatConnections.orgId,
        id: chatConnections.id,
        botTokenSealed: chatConnections.botTokenSealed,
        signingSecretSealed: chatConnections.signingSecretSealed,
      })
      .from(chatConnections)
      .where(
        and(
          eq(chatConnections.slackTeamId, teamId),
          eq(chatConnections.kind, 'slack'),
          eq(chatConnections.mode, 'bot'),
        ),
      ),
  );
  return row ?? null;
}

async function auditRefusal(
  workspace: { orgId: string; id: string },
  reason: string,
  meta: RequestMeta,
) {
  await withTenant({ orgId: workspace.orgId, userId: null }, (tx) =>
    appendAudit(tx, {
      orgId: workspace.orgId,
      actor: { type: 'anonymous', id: null, label: meta.ip ?? 'unknown address' },
      action: 'slack.interaction_refused',
      entityType: 'chat_connection',
      entityId: workspace.id,
      after: { reason },
      requestId: meta.requestId,
      ip: meta.ip,
    }),
  );
}

/**
 * `POST /api/integrations/slack/interactions` (docs/INTEGRATIONS.md §Slack): a button click or
 * the Deny dialog from a Vigil DM. The request must carry a valid `v0` signature under the
 * workspace's signing secret, made within five minutes; anything else is 401 and changes nothing
 * (audited in the organization when the workspace is known). A verified click runs the same
 * decision the web runs, as the member whose verified Slack email it is.
 */
export async function handleSlackInteraction(
  rawBody: string,
  headers: { timestamp: string | null; signature: string | null },
  meta: RequestMeta,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SlackAnswer> {
  const interaction = parseSlackInteraction(rawBody);
  if (!interaction) return REFUSED;
  const found = await findWorkspace(interaction.teamId);
  if (!found?.signingSecretSealed || !found.botTokenSealed) return REFUSED;
  let secret: string;
  let token: string;
  try {
    secret = openOrgSecret(found.orgId, SECRET_PURPOSE.signingSecret, found.signingSecretSealed);
    token = openOrgSecret(found.orgId, SECRET_PURPOSE.botToken, found.botTokenSealed);
  } catch {
    await auditRefusal(found, 'secret_unavailable', meta);
    return REFUSED;
  }
  const check = checkSlackSignature({ secret, ...headers, rawBody, nowSeconds });
  if (!check.ok) {
    await auditRefusal(
      found,
      check.reason === 'stale' ? 'stale_timestamp' : `signature_${check.reason}`,
      meta,
    );
    return REFUSED;
  }
  const workspace: SlackWorkspace = { orgId: found.orgId, connectionId: found.id, token, meta };
  if (interaction.kind === 'block_actions') {
    const action = interaction.payload.actions.find(
      (a) => a.action_id === APPROVE_ACTION || a.action_id === DENY_ACTION,
    );
    if (!action) return ACK;
    await answerButton(workspace, interaction.payload, action);
    return ACK;
  }
  if (
    interaction.kind === 'view_submission' &&
    interaction.payload.view.callback_id === DENY_CALLBACK
  )
    return { status: 200, json: await answerDenySubmission(workspace, interaction.payload) };
  return ACK;
}
