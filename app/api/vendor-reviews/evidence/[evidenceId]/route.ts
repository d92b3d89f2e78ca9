import { observed } from '@/server/api/observed-route';
import { sessionActor } from '@/server/api/session-actor';
import { ANY_ROLE } from '@/server/domain/tenancy/roles';
import { attachmentIdSchema } from '@/server/domain/vendor-reviews/inputs';
import { UserFacingError } from '@/server/services/shared/errors';
import { openReviewAttachment } from '@/server/services/vendor-reviews/attachments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const fail = (status: number, message: string) => Response.json({ error: { message } }, { status });

/** RFC 6266 filename parameters: an ASCII fallback plus the UTF-8 name. */
function disposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Evidence download: always an attachment of opaque bytes with sniffing off, so an uploaded file
 * is never rendered or run in the app's origin (docs/SECURITY.md §Uploads and downloads). Audited.
 */
async function handleGET(req: Request, { params }: { params: Promise<{ evidenceId: string }> }) {
  const who = await sessionActor(req, ANY_ROLE, 'Your role does not allow reading evidence.');
  if (!who.ok) return fail(who.status, who.message);
  const { evidenceId } = await params;
  const parsed = attachmentIdSchema.safeParse({ attachmentId: evidenceId });
  if (!parsed.success) return fail(404, 'No such evidence file.');
  try {
    const file = await openReviewAttachment(who.actor, parsed.data);
    return new Response(file.body, {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': disposition(file.fileName),
        'Content-Length': String(file.sizeBytes),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
        'X-Evidence-SHA256': file.sha256,
      },
    });
  } catch (error) {
    if (error instanceof UserFacingError)
      return fail(error.code === 'NOT_FOUND' ? 404 : 400, error.message);
    throw error;
  }
}

export const GET = observed('/api/vendor-reviews/evidence/[evidenceId]', handleGET);
