/**
 * What Vigil posts to Slack (Block Kit) and Teams (Adaptive Cards), built from plain facts
 * (docs/INTEGRATIONS.md §Slack, §Microsoft Teams). Pure: the consumer loads the facts, these
 * shape them, and the same facts read the same in both.
 */

export const APPROVE_ACTION = 'vigil_approve';
export const DENY_ACTION = 'vigil_deny';
export const DENY_CALLBACK = 'vigil_deny_reason';
export const DENY_REASON_BLOCK = 'reason';
export const DENY_REASON_ACTION = 'reason_input';

/** One approval step of one request, everything its approver needs to decide from chat. */
export interface ApprovalFacts {
  grantId: string;
  stepId: string;
  stepLabel: string;
  person: { name: string; email: string | null };
  requestedBy: string | null;
  system: string;
  privilege: string;
  sensitivity: string;
  justification: string | null;
  durationDays: number | null;
  gate: readonly string[];
  url: string;
}

/** A notice for a channel: a title, a few labelled facts and a link into Vigil. */
export interface NoticeFacts {
  title: string;
  summary: string;
  facts: readonly { label: string; value: string }[];
  url: string;
}

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const MAX_TEXT = 2900; // Slack's section text limit is 3000 characters.

function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Slack's mrkdwn treats &, < and > as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function approvalFacts(a: ApprovalFacts): NoticeFacts['facts'] {
  return [
    {
      label: 'For',
      value: a.person.email ? `${a.person.name} (${a.person.email})` : a.person.name,
    },
    { label: 'Access', value: `${a.system} · ${a.privilege} (${a.sensitivity})` },
    { label: 'Duration', value: a.durationDays ? `${a.durationDays} days` : 'not set' },
    { label: 'Requested by', value: a.requestedBy ?? 'unknown' },
    { label: 'Step', value: a.stepLabel },
    { label: 'Justification', value: a.justification ?? '(none)' },
  ];
}

function approvalTitle(a: ApprovalFacts): string {
  return `Access request waiting for you: ${a.person.name} · ${a.system} · ${a.privilege}`;
}

/** `grantId:stepId`, what the Approve and Deny buttons carry. */
export function stepButtonValue(grantId: string, stepId: string): string {
  return `${grantId}:${stepId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseStepButtonValue(
  value: string | null | undefined,
): { grantId: string; stepId: string } | null {
  const [grantId, stepId, ...rest] = (value ?? '').split(':');
  if (rest.length > 0 || !grantId || !stepId || !UUID.test(grantId) || !UUID.test(stepId))
    return null;
  return { grantId: grantId.toLowerCase(), stepId: stepId.toLowerCase() };
}

function gateSection(gate: readonly string[]): Record<string, unknown>[] {
  if (gate.length === 0)
    return [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Pre-access gate: clear.' }] }];
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `:warning: *The pre-access gate blocks approval:*\n${gate.map((g) => `• ${escapeMrkdwn(g)}`).join('\n')}`,
        ),
      },
    },
  ];
}

/** The approver's DM: the request, the gate's findings, a link and, in bot mode, the buttons. */
export function slackApprovalMessage(a: ApprovalFacts, withButtons: boolean): SlackMessage {
  const fields = approvalFacts(a).map((f) => ({
    type: 'mrkdwn',
    text: clip(`*${f.label}:*\n${escapeMrkdwn(f.value)}`, 1900),
  }));
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip('Access request to approve', 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*${escapeMrkdwn(a.person.name)}* needs *${escapeMrkdwn(a.system)} · ${escapeMrkdwn(a.privilege)}*. <${a.url}|Open the request in Vigil>`,
        ),
      },
    },
    // Slack shows at most ten fields in a section.
    { type: 'section', fields: fields.slice(0, 10) },
    ...gateSection(a.gate),
  ];
  if (withButtons)
    blocks.push({
      type: 'actions',
      block_id: 'decision',
      elements: [
        {
          type: 'button',
          action_id: APPROVE_ACTION,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
          value: stepButtonValue(a.grantId, a.stepId),
        },
        {
          type: 'button',
          action_id: DENY_ACTION,
          style: 'danger',
          text: { type: 'plain_text', text: 'Deny' },
          value: stepButtonValue(a.grantId, a.stepId),
        },
      ],
    });
  return { text: approvalTitle(a), blocks };
}

/** What replaces the DM once decided: the request in one line and who decided. */
export function slackDecidedMessage(summary: string, outcome: string, url: string): SlackMessage {
  return {
    text: `${outcome}: ${summary}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(`${escapeMrkdwn(summary)}. <${url}|Open in Vigil>`) },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: clip(escapeMrkdwn(outcome)) }] },
    ],
  };
}

/** A channel notice (critical signal, escalation, case opened). */
export function slackNotice(n: NoticeFacts): SlackMessage {
  const blocks: Record<string, unknown>[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*${escapeMrkdwn(n.title)}*\n${escapeMrkdwn(n.summary)}\n<${n.url}|Open in Vigil>`,
        ),
      },
    },
  ];
  if (n.facts.length > 0)
    blocks.push({
      type: 'section',
      fields: n.facts.slice(0, 10).map((f) => ({
        type: 'mrkdwn',
        text: clip(`*${f.label}:*\n${escapeMrkdwn(f.value)}`, 1900),
      })),
    });
  return { text: `${n.title}: ${n.summary}`, blocks };
}

/** The approval notice as a channel post (notify-only Slack): the same facts, no buttons. */
export function approvalNotice(a: ApprovalFacts): NoticeFacts {
  return {
    title: `Access request waiting for ${a.stepLabel}`,
    summary: `${a.person.name} needs ${a.system} · ${a.privilege}.${a.gate.length > 0 ? ` The pre-access gate blocks approval: ${a.gate.join(' ')}` : ''}`,
    facts: approvalFacts(a),
    url: a.url,
  };
}

/** A Teams incoming-webhook message: one Adaptive Card. */
export function teamsCard(n: NoticeFacts): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: n.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: n.summary, wrap: true },
            ...(n.facts.length > 0
              ? [
                  {
                    type: 'FactSet',
                    facts: n.facts.map((f) => ({ title: f.label, value: f.value })),
                  },
                ]
              : []),
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open in Vigil', url: n.url }],
        },
      },
    ],
  };
}
