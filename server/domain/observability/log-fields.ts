/**
 * What a log line may carry (docs/OPERATIONS.md §Logs): ids, routes, counts, durations, error
 * classes. Callers pass chosen fields, never a request, a row or an error's message (a driver's
 * message can quote bound parameters, a parser's the line it choked on). These paths are the net
 * under that rule: any field so named is replaced before the line is written.
 */
const SENSITIVE = [
  'authorization',
  'cookie',
  'password',
  'token',
  'secret',
  'apiKey',
  'email',
  'name',
  'fullName',
  'displayName',
  'phone',
  'body',
  'ip',
  'userAgent',
  'headers',
];

export const REDACT_PATHS: string[] = [
  ...SENSITIVE,
  ...SENSITIVE.map((k) => `*.${k}`),
  ...SENSITIVE.map((k) => `*.*.${k}`),
  // The usual shapes of a request or response object someone might log whole.
  'req',
  'res',
  'request',
  'response',
];

export const REDACTED = '[redacted]';

/** An error as a log line may show it: its class and the database's SQLSTATE, no message. */
export function errorFields(error: unknown): { err: string; sqlState?: string } {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const name = typeof e?.name === 'string' ? e.name : typeof error;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
    ? { err: name, sqlState: code }
    : { err: name };
}
