import { observed } from '@/server/api/observed-route';
import { describeBytes } from '@/server/api/request-body';
import { bodyChunks, sessionActor } from '@/server/api/session-actor';
import { isCrossSitePost } from '@/server/auth/same-origin';
import { reviewIdSchema } from '@/server/domain/vendor-reviews/inputs';
import { REVIEW_EDITING_ROLES } from '@/server/domain/vendor-reviews/review';
import { getEnv } from '@/server/env';
import { UserFacingError } from '@/server/services/shared/errors';
import { uploadReviewAttachment } from '@/server/services/vendor-reviews/attachments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const fail = (status: number, message: string) => Response.json({ error: { message } }, { status });

const STATUS: Record<UserFacingError['code'], number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
};

/**
 * Evidence upload from the review page: the file is the raw body (name in X-File-Name), streamed
 * through type sniffing, the size limit and SHA-256 into storage, never held whole in memory when
 * a folder is configured.
 */
async function handlePOST(req: Request, { params }: { params: Promise<{ reviewId: string }> }) {
  if (isCrossSitePost(req)) return fail(403, 'Cross-site request refused.');
  const who = await sessionActor(
    req,
    REVIEW_EDITING_ROLES,
    'Your role does not allow adding evidence to vendor reviews.',
  );
  if (!who.ok) return fail(who.status, who.message);
  const { reviewId } = await params;
  const max = getEnv().VIGIL_EVIDENCE_MAX_BYTES;
  if (Number(req.headers.get('content-length') ?? '0') > max)
    return fail(
      413,
      `The file is larger than ${describeBytes(max)}; split it or upload a smaller export.`,
    );
  if (!req.body) return fail(400, 'The file is empty.');
  const header = req.headers.get('x-file-name') ?? '';
  let fileName = header;
  try {
    fileName = decodeURIComponent(header);
  } catch {
    // Not percent-encoded: use it as sent; the service cleans it either way.
  }
  if (!fileName.trim()) return fail(400, 'Name the file (X-File-Name).');
  const parsed = reviewIdSchema.safeParse({ reviewId });
  if (!parsed.success) return fail(404, 'No such vendor review.');
  try {
    const stored = await uploadReviewAttachment(
      who.actor,
      { ...parsed.data, fileName },
      bodyChunks(req.body),
    );
    return Response.json(stored, { status: 201 });
  } catch (error) {
    if (error instanceof UserFacingError) return fail(STATUS[error.code], error.message);
    throw error;
  }
}

export const POST = observed('/api/vendor-reviews/[reviewId]/evidence', handlePOST);
