import { checkApiKeyRequest } from '@/server/api/api-key-gate';
import { meterBody } from '@/server/api/request-body';
import { SCIM_MAX_RESULTS } from '@/server/domain/scim/discovery';
import { parseEqFilter, type EqFilter } from '@/server/domain/scim/filter';
import {
  invalidSyntax,
  pageOf,
  SCIM_MEDIA_TYPE,
  ScimError,
  scimErrorBody,
  type ScimType,
} from '@/server/domain/scim/protocol';
import { getEnv } from '@/server/env';
import { apiKeyActor } from '@/server/services/auth/api-key-check';
import type { ScimActor } from '@/server/services/scim/user-records';
import { UserFacingError } from '@/server/services/shared/errors';

/** Largest SCIM request body: a group push of thousands of members fits. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Every SCIM answer: application/scim+json, never cached (RFC 7644 §3.1, §8.1). */
export function scimJson(body: unknown, status: number, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('Content-Type', `${SCIM_MEDIA_TYPE}; charset=utf-8`);
  h.set('Cache-Control', 'no-store');
  return new Response(body === null ? null : JSON.stringify(body), { status, headers: h });
}

export function scimError(
  status: number,
  scimType: ScimType | null,
  detail: string,
  headers: HeadersInit = {},
): Response {
  return scimJson(scimErrorBody(status, scimType, detail), status, headers);
}

/** The base URL clients configure (…/scim/v2): the app's public address when set. */
export function scimBaseUrl(request: Request): string {
  const origin = getEnv().NEXTAUTH_URL ?? new URL(request.url).origin;
  return `${origin.replace(/\/+$/, '')}/scim/v2`;
}

/** The request's JSON body, or a SCIM error (RFC 7644 §3.12 invalidSyntax, 413, 415). */
export async function readScimBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  // application/scim+json is the media type; Okta and Entra ID may send application/json.
  if (type && !/^application\/(scim\+)?json\b/.test(type))
    throw new ScimError(415, null, `Send the body as ${SCIM_MEDIA_TYPE}.`);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES || !request.body)
    throw request.body
      ? new ScimError(413, null, 'The request body is larger than 1 MB.')
      : invalidSyntax('The request has no body.');
  const body = meterBody(request.body, { maxBytes: MAX_BODY_BYTES, expectGzip: false });
  const parts: Uint8Array[] = [];
  try {
    for await (const chunk of body.chunks) parts.push(chunk);
  } catch {
    throw body.exceeded
      ? new ScimError(413, null, 'The request body is larger than 1 MB.')
      : invalidSyntax('The request body ended before it was complete.');
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    throw invalidSyntax('The request body is not valid JSON.');
  }
}

/** `filter`, `startIndex` and `count` of a list request (RFC 7644 §3.4.2). */
export function listParams(request: Request, filterAttributes: readonly string[]) {
  const url = new URL(request.url);
  const raw = url.searchParams.get('filter');
  const filter: EqFilter | null = raw ? parseEqFilter(raw, filterAttributes) : null;
  const page = pageOf(
    url.searchParams.get('startIndex'),
    url.searchParams.get('count'),
    SCIM_MAX_RESULTS,
  );
  return { filter, page };
}

/** Whether `excludedAttributes` asks to leave `members` out (Entra ID does on group reads). */
export function excludesMembers(request: Request): boolean {
  const excluded = new URL(request.url).searchParams.get('excludedAttributes') ?? '';
  return excluded.split(',').some((a) => a.trim().toLowerCase() === 'members');
}

/** Re-answers a refusal of the key gate in SCIM's error schema, keeping its headers. */
async function asScimRefusal(response: Response): Promise<Response> {
  const body = (await response.json()) as { error?: { message?: string } };
  const headers = new Headers(response.headers);
  headers.delete('content-type');
  headers.delete('content-length');
  return scimError(response.status, null, body.error?.message ?? 'Refused.', headers);
}

/**
 * One SCIM request (docs/SCIM.md): a bearer key with the `scim` scope and its rate, then the
 * handler with the identity provider as the audited actor. ScimErrors answer in SCIM's error
 * schema; anything else is a 500 naming the request id only (no personal data in logs).
 */
export async function serveScim(
  request: Request,
  route: string,
  handler: (actor: ScimActor) => Promise<Response>,
): Promise<Response> {
  const gate = await checkApiKeyRequest(request, 'scim', `scim.${route}`);
  if (!gate.ok) return asScimRefusal(gate.response);
  const { principal, meta, rateHeaders } = gate;
  const actor: ScimActor = {
    orgId: principal.orgId,
    audit: apiKeyActor(principal),
    baseUrl: scimBaseUrl(request),
    ...meta,
  };
  try {
    const response = await handler(actor);
    for (const [k, v] of Object.entries(rateHeaders)) response.headers.set(k, v);
    return response;
  } catch (error) {
    if (error instanceof ScimError)
      return scimError(error.status, error.scimType, error.message, rateHeaders);
    if (error instanceof UserFacingError)
      return scimError(400, 'invalidValue', error.message, rateHeaders);
    const e = error as { name?: string; code?: string; cause?: { code?: string } };
    console.error(
      JSON.stringify({
        event: 'scim.failed',
        route,
        requestId: meta.requestId,
        error: e?.name ?? 'unknown',
        sqlState: e?.code ?? e?.cause?.code ?? null,
      }),
    );
    return scimError(
      500,
      null,
      `The request failed (request ${meta.requestId}); retrying is safe.`,
      rateHeaders,
    );
  }
}

/**
 * The discovery documents (RFC 7644 §4) say what the server supports and hold no tenant data,
 * so they answer without a key: identity providers read them while the connection is set up.
 */
export function serveDiscovery(request: Request, build: (baseUrl: string) => unknown): Response {
  const body = build(scimBaseUrl(request));
  return body === null ? scimError(404, null, 'No such resource.') : scimJson(body, 200);
}
