import { and, eq, sql } from 'drizzle-orm';
import { accessGrants, memberships, people, privileges, systems, users } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { denyReasonSchema } from '@/server/domain/chat/inputs';
import {
  denyMetadataSchema,
  type BlockActionsPayload,
  type ViewSubmissionPayload,
} from '@/server/domain/chat/interactions';
import {
  APPROVE_ACTION,
  DENY_CALLBACK,
  DENY_REASON_ACTION,
  DENY_REASON_BLOCK,
  parseStepButtonValue,
  slackDecidedMessage,
  type SlackMessage,
} from '@/server/domain/chat/messages';
import type { Role } from '@/server/domain/tenancy/roles';
import { decideAccessStep } from '@/server/services/access/requests';
import { appendAudit } from '@/server/services/audit/log';
import { appLink } from '@/server/services/outbound/events';
import type { OrgActor, RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { slackClient } from './transport';

/** A verified request's workspace: its organization and bot token. */
export interface SlackWorkspace {
  orgId: string;
  connectionId: string;
  token: string;
  meta: RequestMeta;
}

type Member = { ok: true; actor: OrgActor; name: string } | { ok: false; refusal: string };

/**
 * The Vigil member behind a Slack user: the email Slack holds for them (Slack confirms it before
 * a member can use it) must be that of an active member of this organization
 * (docs/INTEGRATIONS.md §Slack). Refused, saying why, otherwise; the refusal is audited.
 */
async function memberFor(ws: SlackWorkspace, slackUserId: string): Promise<Member> {
  let email: string | null = null;
  try {
    const info = await slackClient(ws.token, true).users.info({ user: slackUserId });
    const u = info.user as
      { is_email_confirmed?: boolean; profile?: { email?: string } } | undefined;
    if (u?.is_email_confirmed !== false) email = u?.profile?.email?.trim().toLowerCase() || null;
  } catch {
    return {
      ok: false,
      refusal: 'Vigil could not look up your Slack profile; try again or decide in Vigil.',
    };
  }
  const found = email
    ? await withTenant({ orgId: ws.orgId, userId: null }, (tx) =>
        tx
          .select({
            userId: users.id,
            email: users.email,
            name: users.name,
            role: memberships.role,
          })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(
            and(
              eq(memberships.orgId, ws.orgId),
              eq(memberships.status, 'active'),
              sql`lower(${users.email}) = ${email}`,
            ),
          ),
      )
    : [];
  const member = found[0];
  if (!member) {
    await withTenant({ orgId: ws.orgId, userId: null }, (tx) =>
      appendAudit(tx, {
        orgId: ws.orgId,
        actor: { type: 'anonymous', id: null, label: `Slack user ${slackUserId}` },
        action: 'slack.interaction_refused',
        entityType: 'chat_connection',
        entityId: ws.connectionId,
        after: { reason: email ? 'no_member_with_email' : 'no_verified_email' },
        requestId: ws.meta.requestId,
        ip: ws.meta.ip,
      }),
    );
    return {
      ok: false,
      refusal: email
        ? 'Your Slack email does not belong to an active member of this Vigil organization, so Vigil cannot act for you. Decide in Vigil, or ask an admin to check your account.'
        : 'Slack did not share a confirmed email for you (the Vigil app needs the users:read.email scope), so Vigil cannot tell who you are.',
    };
  }
  return {
    ok: true,
    name: member.name || member.email,
    actor: {
      orgId: ws.orgId,
      userId: member.userId,
      email: member.email,
      role: member.role as Role,
      requestId: `slack:${ws.meta.requestId ?? ''}`.slice(0, 100),
      ip: ws.meta.ip,
    },
  };
}

/** Posts to the interaction's response_url (a Slack URL from the verified payload). */
async function respond(responseUrl: string | null | undefined, body: Record<string, unknown>) {
  if (!responseUrl) return;
  try {
    await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(1_000),
    });
  } catch {
    // Slack shows nothing then; the decision (if any) stands and the request page shows it.
  }
}

const ephemeral = (text: string) => ({ response_type: 'ephemeral', replace_original: false, text });
const replaceWith = (m: SlackMessage) => ({ replace_original: true, ...m });

async function requestSummary(orgId: string, grantId: string): Promise<string> {
  const [row] = await withTenant({ orgId, userId: null }, (tx) =>
    tx
      .select({ person: people.fullName, system: systems.name, privilege: privileges.name })
      .from(accessGrants)
      .innerJoin(
        people,
        and(eq(people.orgId, accessGrants.orgId), eq(people.id, accessGrants.personId)),
      )
      .innerJoin(
        systems,
        and(eq(systems.orgId, accessGrants.orgId), eq(systems.id, accessGrants.systemId)),
      )
      .innerJoin(
        privileges,
        and(eq(privileges.orgId, accessGrants.orgId), eq(privileges.id, accessGrants.privilegeId)),
      )
      .where(and(eq(accessGrants.orgId, orgId), eq(accessGrants.id, grantId))),
  );
  return row ? `${row.person} · ${row.system} · ${row.privilege}` : 'Access request';
}

function refusalText(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  throw error;
}

/** Approve runs the decision at once; Deny opens a dialog that asks why. */
export async function answerButton(
  ws: SlackWorkspace,
  payload: BlockActionsPayload,
  action: { action_id: string; value?: string },
): Promise<void> {
  const target = parseStepButtonValue(action.value);
  if (!target) return respond(payload.response_url, ephemeral('This button is no longer valid.'));
  const member = await memberFor(ws, payload.user.id);
  if (!member.ok) return respond(payload.response_url, ephemeral(member.refusal));
  if (action.action_id !== APPROVE_ACTION) {
    try {
      await slackClient(ws.token, true).views.open({
        trigger_id: payload.trigger_id ?? '',
        view: denyDialog({ ...target, responseUrl: payload.response_url ?? null }),
      });
    } catch {
      await respond(
        payload.response_url,
        ephemeral('Slack could not open the dialog; deny in Vigil instead.'),
      );
    }
    return;
  }
  let outcome: Awaited<ReturnType<typeof decideAccessStep>>;
  try {
    outcome = await decideAccessStep(member.actor, { ...target, decision: 'approve' });
  } catch (error) {
    return respond(payload.response_url, ephemeral(`Not approved: ${refusalText(error)}`));
  }
  const next = outcome.status === 'active' ? 'access is now active' : 'the next step waits';
  await respond(
    payload.response_url,
    replaceWith(
      slackDecidedMessage(
        await requestSummary(ws.orgId, target.grantId),
        `Approved by ${member.name} (${member.actor.email}); ${next}.`,
        appLink(`/access/${target.grantId}`),
      ),
    ),
  );
}

function denyDialog(metadata: { grantId: string; stepId: string; responseUrl: string | null }) {
  return {
    type: 'modal' as const,
    callback_id: DENY_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text' as const, text: 'Deny access' },
    submit: { type: 'plain_text' as const, text: 'Deny' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: DENY_REASON_BLOCK,
        label: { type: 'plain_text' as const, text: 'Why do you deny the request?' },
        element: {
          type: 'plain_text_input' as const,
          action_id: DENY_REASON_ACTION,
          multiline: true,
          min_length: 5,
          max_length: 2000,
        },
      },
    ],
  };
}

/** The Deny dialog's submission: a reason of five characters or more, then the same decision. */
export async function answerDenySubmission(
  ws: SlackWorkspace,
  payload: ViewSubmissionPayload,
): Promise<Record<string, unknown>> {
  const fail = (message: string) => ({
    response_action: 'errors',
    errors: { [DENY_REASON_BLOCK]: message.slice(0, 150) },
  });
  let metadata;
  try {
    metadata = denyMetadataSchema.parse(JSON.parse(payload.view.private_metadata));
  } catch {
    return fail('This dialog is no longer valid; deny in Vigil instead.');
  }
  const reason = denyReasonSchema.safeParse(
    payload.view.state.values[DENY_REASON_BLOCK]?.[DENY_REASON_ACTION]?.value ?? '',
  );
  if (!reason.success) return fail(reason.error.issues[0]!.message);
  const member = await memberFor(ws, payload.user.id);
  if (!member.ok) return fail(member.refusal);
  try {
    await decideAccessStep(member.actor, {
      grantId: metadata.grantId,
      stepId: metadata.stepId,
      decision: 'deny',
      comment: reason.data,
    });
  } catch (error) {
    return fail(`Not denied: ${refusalText(error)}`);
  }
  await respond(
    metadata.responseUrl,
    replaceWith(
      slackDecidedMessage(
        await requestSummary(ws.orgId, metadata.grantId),
        `Denied by ${member.name} (${member.actor.email}): ${reason.data}`,
        appLink(`/access/${metadata.grantId}`),
      ),
    ),
  );
  return { response_action: 'clear' };
}
