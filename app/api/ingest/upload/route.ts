import { observed } from '@/server/api/observed-route';
import { describeBytes, meterBody } from '@/server/api/request-body';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import { isCrossSitePost } from '@/server/auth/same-origin';
import { ingestFormatSchema } from '@/server/domain/ingest/inputs';
import { INGEST_FORMATS } from '@/server/domain/ingest/parse-events';
import { formatHint, sniffFormat } from '@/server/domain/ingest/sniff';
import { LOG_UPLOADERS } from '@/server/domain/tenancy/roles';
import { getEnv } from '@/server/env';
import { userActor } from '@/server/services/audit/log';
import { resolveSession } from '@/server/services/auth/sessions';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { keepUploadSample } from '@/server/services/ingest/upload-sample';
import { UserFacingError } from '@/server/services/shared/errors';
import { sessionClaims } from '@/server/trpc/context';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const fail = (status: number, message: string) => Response.json({ error: { message } }, { status });

/**
 * Log upload from the browser (signed-in admins and compliance): the raw file is the body, streamed
 * through the parser into storage, so a large file never sits in memory.
 */
async function handlePOST(req: Request) {
  if (isCrossSitePost(req)) return fail(403, 'Cross-site request refused.');
  const claims = await sessionClaims();
  const view = claims ? await resolveSession(claims) : null;
  if (!view) return fail(401, 'Sign in to continue.');
  if (!view.active || !LOG_UPLOADERS.includes(view.active.role))
    return fail(403, 'Your role does not allow uploading logs.');
  const format = ingestFormatSchema.safeParse(new URL(req.url).searchParams.get('format'));
  if (!format.success) return fail(400, `Choose a format: ${INGEST_FORMATS.join(', ')}.`);
  // Browser uploads; larger files go through the CLI or the HTTP API (docs/INGEST.md §Limits).
  const maxBytes = getEnv().VIGIL_UPLOAD_MAX_BYTES;
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes)
    return fail(413, `The file is larger than ${describeBytes(maxBytes)}; use the CLI or the API.`);
  if (!req.body) return fail(400, 'The file is empty.');
  const fileName = (req.headers.get('x-file-name') ?? 'upload')
    .replace(/[^\w.\- ]+/g, '_')
    .slice(0, 200);
  const actor = {
    orgId: view.active.orgId,
    userId: view.user.id,
    email: view.user.email,
    role: view.active.role,
    ...requestMetaFromHeaders(req.headers),
  };
  // The first bytes, to say which format a mostly rejected file looks like.
  const sample = keepUploadSample(meterBody(req.body, { maxBytes, expectGzip: false }).chunks);
  try {
    const summary = await ingestEvents(
      {
        orgId: actor.orgId,
        userId: actor.userId,
        audit: userActor(actor),
        requestId: actor.requestId,
        ip: actor.ip,
      },
      format.data,
      sample.chunks,
      // Decompressed size, lines and time: the upload channel's limits (services/ingest/limits.ts).
      { channel: 'upload', fileName, signal: req.signal },
    );
    return Response.json({
      ...summary,
      likelyFormat: formatHint(format.data, sample.text(), summary),
    });
  } catch (error) {
    if (error instanceof UserFacingError) {
      // A file the chosen parser cannot read at all may simply be another format.
      const likely = error.code === 'PAYLOAD_TOO_LARGE' ? null : sniffFormat(sample.text());
      return Response.json(
        {
          error: {
            message: error.message,
            likelyFormat: likely && likely !== format.data ? likely : null,
          },
        },
        { status: error.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400 },
      );
    }
    throw error;
  }
}

export const POST = observed('/api/ingest/upload', handlePOST);
