import { gunzipSync } from 'node:zlib';
import { checkApiKeyRequest } from '@/server/api/api-key-gate';
import { apiError, apiJson } from '@/server/api/http';
import { toTicketIngestResponse } from '@/server/api/ingest-response';
import { observed } from '@/server/api/observed-route';
import { describeBytes } from '@/server/api/request-body';
import { MAX_IMPORT_BYTES } from '@/server/domain/import/csv';
import { errorFields } from '@/server/domain/observability/log-fields';
import { apiKeyActor } from '@/server/services/auth/api-key-check';
import { importTickets } from '@/server/services/import/run';
import { log } from '@/server/services/observability/logger';
import { UserFacingError } from '@/server/services/shared/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const TOO_LARGE = `The request body is larger than ${describeBytes(MAX_IMPORT_BYTES)}; send the tickets in smaller requests.`;

/** Reads the whole body (tickets are upserted in one transaction), stopping at the import limit. */
async function readBody(body: ReadableStream<Uint8Array>): Promise<Buffer | null> {
  const parts: Uint8Array[] = [];
  let bytes = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      bytes += next.value.byteLength;
      if (bytes > MAX_IMPORT_BYTES) return null;
      parts.push(next.value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(parts);
}

/**
 * `POST /api/v1/ingest/tickets` (docs/INGEST.md §Tickets over HTTP): the ticket feed as NDJSON, a
 * JSON array or CSV, with the ingest-scoped key of the organization. Same rows, same checks and the
 * same idempotent upsert as `vigil import tickets`; `?dry_run=true` checks without writing.
 */
async function handlePOST(request: Request): Promise<Response> {
  const gate = await checkApiKeyRequest(request, 'ingest', 'ingest.tickets');
  if (!gate.ok) return gate.response;
  const { principal, meta, rateHeaders } = gate;

  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (!['', 'identity', 'gzip', 'x-gzip'].includes(encoding))
    return apiError(
      415,
      'unsupported_media_type',
      `Content-Encoding ${JSON.stringify(encoding)} is not supported; send gzip or no encoding.`,
    );
  if (Number(request.headers.get('content-length') ?? 0) > MAX_IMPORT_BYTES)
    return apiError(413, 'payload_too_large', TOO_LARGE);
  if (!request.body)
    return apiError(400, 'bad_request', 'The request has no body; send the tickets as the body.');
  const dryRunParam = new URL(request.url).searchParams.get('dry_run');
  if (dryRunParam !== null && !['true', 'false'].includes(dryRunParam))
    return apiError(400, 'bad_request', 'dry_run must be true or false.');

  let raw: Buffer | null;
  try {
    raw = await readBody(request.body);
  } catch {
    return apiError(400, 'bad_request', 'The request body ended before it was complete.');
  }
  if (!raw) return apiError(413, 'payload_too_large', TOO_LARGE);
  let text: string;
  try {
    const bytes = encoding.endsWith('gzip')
      ? gunzipSync(raw, { maxOutputLength: MAX_IMPORT_BYTES })
      : raw;
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof RangeError) return apiError(413, 'payload_too_large', TOO_LARGE);
    return apiError(
      400,
      'bad_request',
      encoding.endsWith('gzip')
        ? 'The body is not valid gzip data; compress it or drop the Content-Encoding header.'
        : 'The body is not UTF-8 text.',
    );
  }
  if (!text.trim()) return apiError(400, 'bad_request', 'The request body is empty.');

  try {
    const report = await importTickets(
      { orgId: principal.orgId, userId: null, audit: apiKeyActor(principal), ...meta },
      text,
      { dryRun: dryRunParam === 'true' },
    );
    return apiJson(toTicketIngestResponse(report), 200, rateHeaders);
  } catch (error) {
    if (error instanceof UserFacingError) return apiError(400, 'bad_request', error.message);
    log.error({ event: 'ingest.tickets_failed', requestId: meta.requestId, ...errorFields(error) });
    return apiError(
      500,
      'internal_error',
      `Ticket ingest failed (request ${meta.requestId}); nothing was written, and retrying the same body is safe.`,
    );
  }
}

export const POST = observed('/api/v1/ingest/tickets', handlePOST);
