import fs from 'node:fs';
import { Readable } from 'node:stream';
import { observed } from '@/server/api/observed-route';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import { evidencePackageIdSchema } from '@/server/domain/evidence/inputs';
import { EVIDENCE_EXPORTERS } from '@/server/domain/tenancy/roles';
import { resolveSession } from '@/server/services/auth/sessions';
import { openEvidenceDownload } from '@/server/services/evidence/package-download';
import { UserFacingError } from '@/server/services/shared/errors';
import { sessionClaims } from '@/server/trpc/context';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const fail = (status: number, message: string) => Response.json({ error: { message } }, { status });
const STATUS = { NOT_FOUND: 404, CONFLICT: 409, BAD_REQUEST: 400, FORBIDDEN: 403 } as const;

/**
 * Streams a kept evidence package as an attachment; the download is an audit-log entry, written
 * before the first byte (docs/SECURITY.md §Audit chain).
 */
async function handleGET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const claims = await sessionClaims();
  const view = claims ? await resolveSession(claims) : null;
  if (!view) return fail(401, 'Sign in to continue.');
  if (!view.active || !EVIDENCE_EXPORTERS.includes(view.active.role))
    return fail(403, 'Your role does not allow downloading evidence.');
  const actor = {
    orgId: view.active.orgId,
    userId: view.user.id,
    email: view.user.email,
    role: view.active.role,
    ...requestMetaFromHeaders(req.headers),
  };
  const input = evidencePackageIdSchema.safeParse({ id: (await params).id });
  if (!input.success) return fail(404, 'No such evidence package.');
  try {
    const { filePath, size, fileName } = await openEvidenceDownload(actor, input.data);
    const body = Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof UserFacingError)
      return fail(STATUS[error.code as keyof typeof STATUS] ?? 400, error.message);
    throw error;
  }
}

export const GET = observed('/api/evidence/[id]/download', handleGET);
