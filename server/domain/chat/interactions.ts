import { z } from 'zod';

/**
 * The parts of Slack's interaction payloads Vigil reads (docs/INTEGRATIONS.md §Slack): a button
 * click (`block_actions`) and the Deny dialog's submission (`view_submission`). Anything else is
 * acknowledged and ignored. Read before the signature is checked only to find the workspace, so
 * nothing in it is trusted until then.
 */
const team = z.object({ id: z.string().min(1).max(40) }).loose();
const user = z
  .object({ id: z.string().min(1).max(40), team_id: z.string().max(40).optional() })
  .loose();

const blockActions = z
  .object({
    type: z.literal('block_actions'),
    team: team.nullable().optional(),
    user,
    trigger_id: z.string().max(200).optional(),
    response_url: z.string().max(2000).optional(),
    actions: z
      .array(
        z
          .object({ action_id: z.string().max(255), value: z.string().max(2000).optional() })
          .loose(),
      )
      .max(10),
  })
  .loose();

const viewSubmission = z
  .object({
    type: z.literal('view_submission'),
    team: team.nullable().optional(),
    user,
    view: z
      .object({
        callback_id: z.string().max(255),
        private_metadata: z.string().max(3000).default(''),
        state: z
          .object({
            values: z.record(
              z.string(),
              z.record(z.string(), z.object({ value: z.string().nullable().optional() }).loose()),
            ),
          })
          .loose(),
      })
      .loose(),
  })
  .loose();

const otherInteraction = z
  .object({ type: z.string().max(60), team: team.nullable().optional(), user: user.optional() })
  .loose();

export type BlockActionsPayload = z.output<typeof blockActions>;
export type ViewSubmissionPayload = z.output<typeof viewSubmission>;
export type SlackInteraction =
  | { kind: 'block_actions'; teamId: string; payload: BlockActionsPayload }
  | { kind: 'view_submission'; teamId: string; payload: ViewSubmissionPayload }
  | { kind: 'other'; teamId: string };

/** Reads the form body Slack posts (`payload=<json>`); null when it is not an interaction. */
export function parseSlackInteraction(rawBody: string): SlackInteraction | null {
  let json: unknown;
  try {
    const payload = new URLSearchParams(rawBody).get('payload');
    if (!payload) return null;
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const teamOf = (p: { team?: { id: string } | null; user?: { team_id?: string } }) =>
    p.team?.id ?? p.user?.team_id ?? null;
  const actions = blockActions.safeParse(json);
  if (actions.success) {
    const teamId = teamOf(actions.data);
    return teamId ? { kind: 'block_actions', teamId, payload: actions.data } : null;
  }
  const submission = viewSubmission.safeParse(json);
  if (submission.success) {
    const teamId = teamOf(submission.data);
    return teamId ? { kind: 'view_submission', teamId, payload: submission.data } : null;
  }
  const other = otherInteraction.safeParse(json);
  if (!other.success) return null;
  const teamId = teamOf(other.data);
  return teamId ? { kind: 'other', teamId } : null;
}

/** What the Deny dialog remembers between the click and the submission. */
export const denyMetadataSchema = z.object({
  grantId: z.uuid(),
  stepId: z.uuid(),
  responseUrl: z.string().max(2000).nullable(),
});
export type DenyMetadata = z.output<typeof denyMetadataSchema>;
