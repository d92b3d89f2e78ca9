/** Error codes of the public HTTP API, stable for clients to branch on (documented in openapi.ts). */
export const API_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'bad_request',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  /** `fields`: a bad query's problems by parameter name (docs/INTERFACES.md §HTTP read API). */
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string[]> };
}

/** Every answer of the public API is JSON and never cached (it carries tenant data or refusals). */
export function apiJson(body: unknown, status: number, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('Cache-Control', 'no-store');
  return Response.json(body, { status, headers: h });
}

export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  headers: HeadersInit = {},
  fields?: Record<string, string[]>,
): Response {
  const body: ApiErrorBody = { error: fields ? { code, message, fields } : { code, message } };
  return apiJson(body, status, headers);
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 7235), or null. */
export function bearerToken(headers: Headers): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(headers.get('authorization') ?? '');
  return match ? match[1]! : null;
}
