import type { ParseArgsConfig, parseArgs } from 'node:util';
import { z } from 'zod';
import { slugSchema } from '@/server/domain/tenancy/settings';
import { findOrganizationBySlug } from '@/server/services/tenancy/organizations';

/**
 * Exit codes (docs/INTERFACES.md §Exit codes and output): 0 success, 1 handled error, 2 bad usage.
 */
export class UsageError extends Error {}
export class HandledError extends Error {}

/** Every flag any command takes; each command reads the ones it needs. */
export const FLAGS = {
  slug: { type: 'string' },
  name: { type: 'string' },
  org: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'string' },
  size: { type: 'string' },
  format: { type: 'string' },
  since: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  scope: { type: 'string' },
  out: { type: 'string' },
  file: { type: 'string' },
  kind: { type: 'string' },
  person: { type: 'string' },
  limit: { type: 'string' },
  url: { type: 'string' },
  events: { type: 'string' },
  status: { type: 'string' },
  'secret-env': { type: 'string' },
  config: { type: 'string' },
  interval: { type: 'string' },
  reason: { type: 'string' },
  anchor: { type: 'string' },
  source: { type: 'string' },
  // No default: absent means the organization's sharing setting decides.
  hashed: { type: 'boolean' },
  json: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** The command line as parsed: flags by name, and the positionals (the command words first). */
export type RawArgs = ReturnType<
  typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true; strict: true }>
>;

export type Out = { json: boolean };

export function print(out: Out, human: string, data: unknown) {
  process.stdout.write(out.json ? `${JSON.stringify(data)}\n` : `${human}\n`);
}

/** A rule about how a command is called: its message is shown as it is, without a path. */
export const usage = (message: string) => ({ error: message, params: { usage: true } });

/** A flag or positional that must be given and not be empty. */
export const required = (message: string) =>
  z.custom<string>((v) => typeof v === 'string' && v !== '', usage(message));

/** The `--org` every organization command needs (its slug is checked when it is looked up). */
export const orgFlag = required('--org is required');

/**
 * The first problem, worded as the CLI always has: a usage rule as it is; otherwise
 * `path: message`, the path inside one argument (the first key of a command's arguments names
 * the argument), or `input` for an argument that is a single value.
 */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' && issue.params?.usage) return issue.message;
  return `${issue.path.slice(1).join('.') || 'input'}: ${issue.message}`;
}

/** Parses a command's arguments (an object, one key per argument); bad usage exits 2. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(issue ? describe(issue) : 'input: invalid');
  }
  return result.data;
}

/** What the dispatcher runs: parse the command's arguments once, then its handler. */
export interface CliCommand {
  run(raw: RawArgs, out: Out): Promise<void>;
}

/**
 * One command: its arguments (an object schema, checked in key order), where on the command line
 * they come from, and its handler, which gets them parsed.
 */
export function command<Args extends z.ZodType>(spec: {
  args: Args;
  /** Picks this command's flags and positionals off the command line, for `args` to check. */
  input: (raw: RawArgs) => { [K in keyof z.input<Args>]-?: unknown };
  handler: (args: z.output<Args>, out: Out) => Promise<void>;
}): typeof spec & CliCommand {
  return { ...spec, run: (raw, out) => spec.handler(parse(spec.args, spec.input(raw)), out) };
}

export async function orgIdFor(slug: string): Promise<string> {
  const org = await findOrganizationBySlug(parse(slugSchema, slug));
  if (!org) throw new HandledError(`No organization with slug "${slug}".`);
  return org.id;
}

/** The operator running the CLI, as the audit log names it. */
export const CLI_AUDIT = { type: 'system' as const, id: null, label: 'vigil-cli' };

/** An import or ingest run by the operator in an organization. */
export const operatorIn = (orgId: string) => ({
  orgId,
  userId: null,
  audit: CLI_AUDIT,
  requestId: null,
  ip: null,
});
