import type { z } from 'zod';
import { checkApiKeyRequest } from '@/server/api/api-key-gate';
import { apiError, apiJson } from '@/server/api/http';
import { errorFields } from '@/server/domain/observability/log-fields';
import type { ReadPage } from '@/server/domain/read-api/shapes';
import { log } from '@/server/services/observability/logger';
import { UserFacingError } from '@/server/services/shared/errors';

export type QueryCheck<T> =
  { ok: true; data: T } | { ok: false; message: string; fields: Record<string, string[]> };

/**
 * A request's query string through its schema. Every value is a string; an empty one counts as
 * absent; a parameter given twice is refused (several values go comma-separated in one), and so
 * is one the endpoint does not know. Problems come back by parameter name.
 */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): QueryCheck<z.output<S>> {
  const fields: Record<string, string[]> = {};
  const add = (name: string, message: string) => (fields[name] ??= []).push(message);
  const raw: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name in raw) add(name, 'Give this parameter once; separate several values with commas.');
    else if (value !== '') raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys')
        for (const key of issue.keys) add(key, 'Unknown parameter for this endpoint.');
      else add(String(issue.path[0] ?? 'query'), issue.message);
    }
  const names = Object.keys(fields);
  if (names.length > 0 || !parsed.success)
    return { ok: false, message: `Invalid query parameter: ${names.join(', ')}.`, fields };
  return { ok: true, data: parsed.data };
}

/**
 * One `GET /api/v1/…` read (docs/INTERFACES.md §HTTP read API): the key with the `read` scope and
 * its rate, the query through the endpoint's schema, then one tenant-scoped query for the key's
 * organization. Reads are not audited; nothing about the request or its rows is logged, only a
 * failure's request id and error class.
 */
export async function serveRead<S extends z.ZodType, T>(
  request: Request,
  route: string,
  schema: S,
  read: (orgId: string, input: z.output<S>) => Promise<ReadPage<T>>,
): Promise<Response> {
  const gate = await checkApiKeyRequest(request, 'read', route);
  if (!gate.ok) return gate.response;
  const { principal, meta, rateHeaders } = gate;
  const query = parseQuery(new URL(request.url), schema);
  if (!query.ok) return apiError(400, 'bad_request', query.message, rateHeaders, query.fields);
  try {
    return apiJson(await read(principal.orgId, query.data), 200, rateHeaders);
  } catch (error) {
    if (error instanceof UserFacingError)
      return apiError(400, 'bad_request', error.message, rateHeaders);
    // The error's message may quote the query's values (a search term is personal data).
    log.error({
      event: 'api.read_failed',
      route,
      requestId: meta.requestId,
      ...errorFields(error),
    });
    return apiError(
      500,
      'internal_error',
      `The read failed (request ${meta.requestId}); retrying is safe.`,
      rateHeaders,
    );
  }
}
