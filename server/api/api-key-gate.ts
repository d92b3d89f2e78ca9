import { apiError, bearerToken } from '@/server/api/http';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import type { ApiKeyScope } from '@/server/domain/auth/secrets';
import { getEnv } from '@/server/env';
import { checkApiKey, type ApiKeyPrincipal } from '@/server/services/auth/api-key-check';
import { hitRateLimit } from '@/server/services/auth/rate-limit';
import { log } from '@/server/services/observability/logger';
import { noteRequestTenant } from '@/server/services/observability/request-context';
import type { RequestMeta } from '@/server/services/shared/actor';

export type ApiKeyGate =
  | { ok: true; principal: ApiKeyPrincipal; meta: RequestMeta; rateHeaders: Record<string, string> }
  | { ok: false; response: Response };

/**
 * Each scope's budget per key and minute, in its own bucket: a key holding both scopes pages
 * through reads without using up its log shipping (docs/INTERFACES.md §Errors and limits).
 */
const RATE: Record<ApiKeyScope, { limit: () => number; bucket: (keyId: string) => string }> = {
  ingest: { limit: () => getEnv().VIGIL_INGEST_RATE_PER_MINUTE, bucket: (id) => `api_key:${id}` },
  read: { limit: () => getEnv().VIGIL_READ_RATE_PER_MINUTE, bucket: (id) => `api_key:${id}:read` },
  scim: { limit: () => getEnv().VIGIL_SCIM_RATE_PER_MINUTE, bucket: (id) => `api_key:${id}:scim` },
  // TAXII clients poll a collection like read clients page through it.
  taxii: {
    limit: () => getEnv().VIGIL_READ_RATE_PER_MINUTE,
    bucket: (id) => `api_key:${id}:taxii`,
  },
};

/**
 * The gate of every public API route (docs/INTERFACES.md §HTTP ingest API, §HTTP read API): a
 * bearer key with `scope`, counted against that scope's per-minute rate. Refusals come back as the
 * response to send.
 */
export async function checkApiKeyRequest(
  request: Request,
  scope: ApiKeyScope,
  route: string,
): Promise<ApiKeyGate> {
  const meta = requestMetaFromHeaders(request.headers);
  const token = bearerToken(request.headers);
  const check = token
    ? await checkApiKey(token, scope, meta)
    : ({ ok: false, refusal: 'unauthenticated' } as const);
  if (!check.ok) {
    if (check.refusal === 'forbidden')
      return {
        ok: false,
        response: apiError(403, 'forbidden', `This API key does not have the ${scope} scope.`),
      };
    // Refusals of a real key are audited in its organization; this line covers the rest.
    // The request id only: the address and user agent are personal data (docs/OPERATIONS.md).
    log.warn({ event: 'api.unauthorized', route, scope, requestId: meta.requestId });
    return {
      ok: false,
      response: apiError(401, 'unauthorized', 'Missing, invalid, revoked or expired API key.', {
        'WWW-Authenticate': 'Bearer realm="vigil"',
      }),
    };
  }
  noteRequestTenant(check.principal.orgId);
  const limit = RATE[scope].limit();
  const rate = await hitRateLimit(RATE[scope].bucket(check.principal.keyId), limit, 60);
  const rateHeaders = {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(Math.max(0, limit - rate.count)),
  };
  if (!rate.allowed)
    return {
      ok: false,
      response: apiError(
        429,
        'rate_limited',
        `This API key is limited to ${limit} requests a minute; retry in ${rate.retryAfterSeconds} s.`,
        { ...rateHeaders, 'Retry-After': String(rate.retryAfterSeconds) },
      ),
    };
  return { ok: true, principal: check.principal, meta, rateHeaders };
}
