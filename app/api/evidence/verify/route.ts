import { observed } from '@/server/api/observed-route';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import { isCrossSitePost } from '@/server/auth/same-origin';
import { EVIDENCE_EXPORTERS } from '@/server/domain/tenancy/roles';
import { resolveSession } from '@/server/services/auth/sessions';
import {
  VERIFY_UPLOAD_MAX_BYTES,
  verifyUploadedPackage,
} from '@/server/services/evidence/verify-upload';
import { UserFacingError } from '@/server/services/shared/errors';
import { sessionClaims } from '@/server/trpc/context';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const fail = (status: number, message: string) => Response.json({ error: { message } }, { status });

/** The verify page posts a package's bytes as the body; the answer is the per-file report. */
async function handlePOST(req: Request) {
  if (isCrossSitePost(req)) return fail(403, 'Cross-site request refused.');
  const claims = await sessionClaims();
  const view = claims ? await resolveSession(claims) : null;
  if (!view) return fail(401, 'Sign in to continue.');
  if (!view.active || !EVIDENCE_EXPORTERS.includes(view.active.role))
    return fail(403, 'Your role does not allow verifying evidence.');
  if (Number(req.headers.get('content-length') ?? '0') > VERIFY_UPLOAD_MAX_BYTES)
    return fail(413, 'The package is larger than 2 GiB; verify it with `vigil evidence verify`.');
  if (!req.body) return fail(400, 'The file is empty; choose the package ZIP.');
  const actor = {
    orgId: view.active.orgId,
    userId: view.user.id,
    email: view.user.email,
    role: view.active.role,
    ...requestMetaFromHeaders(req.headers),
  };
  try {
    const result = await verifyUploadedPackage(
      actor,
      req.body as unknown as AsyncIterable<Uint8Array>,
    );
    return Response.json(result);
  } catch (error) {
    if (error instanceof UserFacingError)
      return fail(error.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400, error.message);
    throw error;
  }
}

export const POST = observed('/api/evidence/verify', handlePOST);
