import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { connectorNameSchema, createConnectorSchema } from '@/server/domain/connectors/inputs';
import { CONNECTOR_KINDS } from '@/server/domain/connectors/kinds';
import { createConnector, pauseConnector } from '@/server/services/connectors/connector-commands';
import { connectorIdByName, listConnectors } from '@/server/services/connectors/connector-queries';
import { runConnector, type ConnectorRunSummary } from '@/server/services/connectors/run';
import {
  HandledError,
  command,
  operatorIn,
  orgFlag,
  orgIdFor,
  print,
  required,
  usage,
} from '../args';

const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    usage('--secret-env names an environment variable, e.g. OKTA_TOKEN'),
  );

const configJson = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: '--config is not JSON', params: { usage: true } });
    return z.NEVER;
  }
});

async function connectorNamed(orgId: string, name: string) {
  const found = await connectorIdByName({ orgId, userId: null }, name);
  if (!found) throw new HandledError(`No connector named "${name}" in this organization.`);
  return found;
}

/**
 * `vigil connectors add --org S --kind okta --name N --config JSON --secret-env VAR [--interval M]`:
 * the token is
 * read from the variable named, so it never appears on the command line or in shell history.
 */
export const connectorsAdd = command({
  args: z.object({
    org: orgFlag,
    kind: z.enum(CONNECTOR_KINDS, usage(`--kind is one of ${CONNECTOR_KINDS.join(', ')}`)),
    name: required('--name is required'),
    config: z.custom<string>((v) => typeof v === 'string', usage('--config is required')),
    settings: configJson,
    secretEnv: z.custom<string>((v) => typeof v === 'string', usage('--secret-env is required')),
    secretVar: envName,
    secretSet: z.custom<true>(
      (v) => v === true,
      usage('The variable --secret-env names is not set (or empty).'),
    ),
    interval: z.string().optional(),
  }),
  input: ({ values }) => ({
    org: values.org,
    kind: values.kind,
    name: values.name,
    config: values.config,
    settings: values.config,
    secretEnv: values['secret-env'],
    secretVar: values['secret-env'],
    secretSet: Boolean(values['secret-env'] && process.env[values['secret-env']]),
    interval: values.interval,
  }),
  handler: async ({ org, kind, name, settings, secretVar, interval }, out) => {
    const parsed = createConnectorSchema.safeParse({
      kind,
      name,
      settings,
      secret: process.env[secretVar],
      intervalMinutes: interval,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HandledError(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    }
    await getDatabaseHandle();
    const added = await createConnector(operatorIn(await orgIdFor(org)), parsed.data);
    print(
      out,
      `Added connector "${added.name}" (${added.kind}, ${added.id}); token ${added.secretHint}. Its first run is due now (vigil connectors run, or the job worker).`,
      added,
    );
  },
});

/** `vigil connectors list --org S`: each connector's status and timings, the token as a hint. */
export const connectorsList = command({
  args: z.object({ org: orgFlag }),
  input: ({ values }) => ({ org: values.org }),
  handler: async ({ org }, out) => {
    await getDatabaseHandle();
    const rows = await listConnectors({ orgId: await orgIdFor(org), userId: null });
    print(
      out,
      rows.length === 0
        ? 'No connectors.'
        : rows
            .map(
              (c) =>
                `${c.name}  ${c.kind}  ${c.status.padEnd(15)} ${c.target}  every ${c.intervalMinutes} min  token ${c.secretHint}  last success ${c.lastSuccessAt?.toISOString() ?? 'never'}${c.lastError ? `\n    ${c.lastError}` : ''}`,
            )
            .join('\n'),
      rows,
    );
  },
});

const line = (r: ConnectorRunSummary) =>
  `${r.name}: ${r.outcome}  pages ${r.pages}  received ${r.received}  inserted ${r.inserted}  duplicates ${r.duplicates}  errors ${r.errors}${r.message ? `\n    ${r.message}` : ''}`;

/**
 * `vigil connectors run --org S [--name N]`: one pass now (the named connector whatever its
 * status, else every active one); exit 1 when a run failed or needs attention.
 */
export const connectorsRun = command({
  args: z.object({ org: orgFlag, name: connectorNameSchema.optional() }),
  input: ({ values }) => ({ org: values.org, name: values.name || undefined }),
  handler: async ({ org, name }, out) => {
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    const targets = name
      ? [await connectorNamed(orgId, name)]
      : (await listConnectors({ orgId, userId: null })).filter((c) => c.status === 'active');
    const runs: ConnectorRunSummary[] = [];
    for (const c of targets) runs.push(await runConnector(orgId, c.id, { trigger: 'cli' }));
    print(out, runs.length === 0 ? 'No active connectors.' : runs.map(line).join('\n'), runs);
    const failed = runs.filter((r) => r.outcome === 'failed' || r.outcome === 'needs_attention');
    if (failed.length > 0)
      throw new HandledError(`${failed.map((r) => r.name).join(', ')}: the run did not succeed.`);
  },
});

/** `vigil connectors pause --org S --name N`. */
export const connectorsPause = command({
  args: z.object({ org: orgFlag, name: required('--name is required') }),
  input: ({ values }) => ({ org: values.org, name: values.name }),
  handler: async ({ org, name }, out) => {
    await getDatabaseHandle();
    const orgId = await orgIdFor(org);
    const c = await connectorNamed(orgId, name);
    await pauseConnector(operatorIn(orgId), { id: c.id });
    print(out, `Paused connector "${c.name}".`, { id: c.id, name: c.name, status: 'paused' });
  },
});
