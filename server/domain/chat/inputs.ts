import { z } from 'zod';

const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'The webhook URL is too long')
  .pipe(z.url({ protocol: /^https?$/, error: 'Paste the full webhook URL (https://…)' }));

const channelId = z
  .string()
  .trim()
  .regex(
    /^[CG][A-Z0-9]{2,30}$/,
    'A channel id starts with C (or G) followed by letters and digits',
  );

/** Slack with a bot token: DMs with Approve / Deny and channel posts (docs/INTEGRATIONS.md §Slack). */
export const connectSlackBotSchema = z.object({
  mode: z.literal('bot'),
  botToken: z
    .string()
    .trim()
    .regex(/^xoxb-[A-Za-z0-9-]{10,250}$/, 'Paste the bot user OAuth token (it starts with xoxb-)'),
  signingSecret: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{16,128}$/, 'Paste the signing secret from Basic Information'),
  teamId: z
    .string()
    .trim()
    .regex(
      /^[TE][A-Z0-9]{2,30}$/,
      'A Slack workspace (team) id starts with T followed by letters and digits',
    ),
  channelId: channelId.nullable().default(null),
});

/** Slack notify-only: an incoming webhook posts to the one channel it was made for. */
export const connectSlackWebhookSchema = z.object({
  mode: z.literal('webhook'),
  webhookUrl,
});

export const connectSlackSchema = z.discriminatedUnion('mode', [
  connectSlackBotSchema,
  connectSlackWebhookSchema,
]);
export type ConnectSlackInput = z.output<typeof connectSlackSchema>;

export const connectTeamsSchema = z.object({ webhookUrl });
export type ConnectTeamsInput = z.output<typeof connectTeamsSchema>;

export const setSlackChannelSchema = z.object({ channelId: channelId.nullable() });
export type SetSlackChannelInput = z.output<typeof setSlackChannelSchema>;

export const chatKindSchema = z.object({ kind: z.enum(['slack', 'teams']) });
export type ChatKindInput = z.output<typeof chatKindSchema>;

/** What a Slack member types in the Deny dialog: the same rule as the web's denial comment. */
export const denyReasonSchema = z
  .string()
  .trim()
  .min(5, 'Say why you deny the request (at least 5 characters)')
  .max(2000, 'Keep the reason under 2000 characters');
