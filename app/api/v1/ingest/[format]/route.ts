import { checkApiKeyRequest } from '@/server/api/api-key-gate';
import { apiError, apiJson } from '@/server/api/http';
import { toIngestApiResponse } from '@/server/api/ingest-response';
import { observed } from '@/server/api/observed-route';
import { describeBytes, meterBody } from '@/server/api/request-body';
import { ingestFormatSchema } from '@/server/domain/ingest/inputs';
import { INGEST_FORMATS } from '@/server/domain/ingest/parse-events';
import { errorFields } from '@/server/domain/observability/log-fields';
import { getEnv } from '@/server/env';
import { apiKeyActor } from '@/server/services/auth/api-key-check';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { log } from '@/server/services/observability/logger';
import { UserFacingError } from '@/server/services/shared/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * `POST /api/v1/ingest/{format}` (docs/INTERFACES.md §HTTP ingest API; documented in
 * server/api/openapi.ts): authenticate the bearer key, count it against its rate, refuse bodies
 * over the size limit, then stream the body into the ingest service and answer its summary.
 * Cookies play no part (a key is presented explicitly), so no CSRF check applies here.
 */
async function handlePOST(
  request: Request,
  context: { params: Promise<{ format: string }> },
): Promise<Response> {
  const format = ingestFormatSchema.safeParse((await context.params).format);
  if (!format.success)
    return apiError(404, 'not_found', `Unknown format; use one of ${INGEST_FORMATS.join(', ')}.`);

  const gate = await checkApiKeyRequest(request, 'ingest', 'ingest');
  if (!gate.ok) return gate.response;
  const { principal, meta, rateHeaders } = gate;
  const env = getEnv();

  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (!['', 'identity', 'gzip', 'x-gzip'].includes(encoding))
    return apiError(
      415,
      'unsupported_media_type',
      `Content-Encoding ${JSON.stringify(encoding)} is not supported; send gzip or no encoding.`,
    );
  const maxBytes = env.VIGIL_INGEST_MAX_BYTES;
  const tooLarge = `The request body is larger than ${describeBytes(maxBytes)}; send it in smaller requests.`;
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes)
    return apiError(413, 'payload_too_large', tooLarge);
  if (!request.body)
    return apiError(400, 'bad_request', 'The request has no body; send the events as the body.');

  const body = meterBody(request.body, { maxBytes, expectGzip: encoding.endsWith('gzip') });
  try {
    const summary = await ingestEvents(
      { orgId: principal.orgId, userId: null, audit: apiKeyActor(principal), ...meta },
      format.data,
      body.chunks,
      // The decompressed-size, line and time limits are the API's (services/ingest/limits.ts).
      { channel: 'api', signal: request.signal },
    );
    return apiJson(toIngestApiResponse(summary), 202, rateHeaders);
  } catch (error) {
    if (body.exceeded) return apiError(413, 'payload_too_large', tooLarge);
    if (error instanceof UserFacingError)
      return error.code === 'PAYLOAD_TOO_LARGE'
        ? apiError(413, 'payload_too_large', error.message)
        : apiError(400, 'bad_request', error.message);
    log.error({ event: 'ingest.failed', requestId: meta.requestId, ...errorFields(error) });
    return apiError(
      500,
      'internal_error',
      `Ingest failed (request ${meta.requestId}); events already stored are kept, so retrying the same body is safe.`,
    );
  }
}

export const POST = observed('/api/v1/ingest/[format]', handlePOST);
