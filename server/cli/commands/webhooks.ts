import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { addWebhookSchema, listDeliveriesSchema } from '@/server/domain/webhooks/inputs';
import { addWebhookEndpoint } from '@/server/services/webhooks/endpoint-commands';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/server/services/webhooks/queries';
import { command, operatorIn, orgFlag, orgIdFor, print, required, usage } from '../args';

const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    usage('--secret-env names an environment variable, e.g. HOOK_SECRET'),
  );

const list = (text: string | undefined) =>
  text === undefined
    ? undefined
    : text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

/**
 * `vigil webhooks add --org S --url U [--events a,b] [--secret-env VAR]`. Prints the new signing
 * secret once; with --secret-env the secret is read from that variable (so it never appears on
 * the command line or in shell history) and not printed.
 */
export const webhooksAdd = command({
  args: z.object({
    org: orgFlag,
    url: required('--url is required'),
    secretEnv: envName.optional(),
    secretSet: z.custom<true>(
      (v) => v === true,
      usage('The variable --secret-env names is not set (or empty).'),
    ),
    webhook: addWebhookSchema,
  }),
  input: ({ values }) => {
    const secretEnv = values['secret-env'] || undefined;
    return {
      org: values.org,
      url: values.url,
      secretEnv,
      secretSet: !secretEnv || Boolean(process.env[secretEnv]),
      webhook: {
        url: values.url,
        description: values.name ?? '',
        events: list(values.events) ?? [],
        secret: secretEnv ? process.env[secretEnv] : undefined,
      },
    };
  },
  handler: async ({ org, webhook }, out) => {
    await getDatabaseHandle();
    const added = await addWebhookEndpoint(operatorIn(await orgIdFor(org)), webhook);
    const events = added.events.length === 0 ? 'all events' : added.events.join(', ');
    print(
      out,
      [
        `Added webhook ${added.id} → ${added.url} (${events}).`,
        added.secret
          ? `Signing secret (shown once, store it now): ${added.secret}`
          : `Signing secret taken from the environment (${added.secretHint}).`,
      ].join('\n'),
      added,
    );
  },
});

/** `vigil webhooks list --org S`: endpoints with their secret's hint only. */
export const webhooksList = command({
  args: z.object({ org: orgFlag }),
  input: ({ values }) => ({ org: values.org }),
  handler: async ({ org }, out) => {
    await getDatabaseHandle();
    const rows = await listWebhookEndpoints({ orgId: await orgIdFor(org), userId: null });
    print(
      out,
      rows.length === 0
        ? 'No webhook endpoints.'
        : rows
            .map(
              (e) =>
                `${e.id}  ${e.status.padEnd(6)} ${e.url}  [${e.events.length === 0 ? 'all events' : e.events.join(',')}]  secret ${e.secretHint}${e.dead > 0 ? `  ${e.dead} dead` : ''}`,
            )
            .join('\n'),
      rows,
    );
  },
});

/** `vigil webhooks deliveries --org S [--status dead] [--limit N]`: the delivery log, newest first. */
export const webhooksDeliveries = command({
  args: z.object({ org: orgFlag, filter: listDeliveriesSchema }),
  input: ({ values }) => ({
    org: values.org,
    filter: {
      status: values.status || undefined,
      limit: values.limit === undefined ? undefined : Number(values.limit),
    },
  }),
  handler: async ({ org, filter }, out) => {
    await getDatabaseHandle();
    const page = await listWebhookDeliveries({ orgId: await orgIdFor(org), userId: null }, filter);
    print(
      out,
      page.items.length === 0
        ? 'No deliveries.'
        : page.items
            .map(
              (d) =>
                `${d.createdAt.toISOString()}  ${d.status.padEnd(9)} ${d.eventType.padEnd(22)} ${new URL(d.url).host}  code ${d.responseCode ?? '-'}  ${d.latencyMs ?? '-'} ms  attempts ${d.attempts}${d.nextAttemptAt ? `  next ${d.nextAttemptAt.toISOString()}` : ''}${d.lastError ? `\n    ${d.lastError}` : ''}`,
            )
            .join('\n'),
      page.items,
    );
  },
});
