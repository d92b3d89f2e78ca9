import { observed } from '@/server/api/observed-route';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import { resolveSession } from '@/server/services/auth/sessions';
import { openListExport } from '@/server/services/export/export-csv';
import { UserFacingError } from '@/server/services/shared/errors';
import { sessionClaims } from '@/server/trpc/context';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const fail = (status: number, message: string) => Response.json({ error: { message } }, { status });
const STATUS = { NOT_FOUND: 404, BAD_REQUEST: 400, FORBIDDEN: 403 } as const;

/**
 * A list page's rows as CSV, with the page's own filters (docs/INTERFACES.md §CSV exports). The
 * session and role are checked as the list's procedure checks them; the service streams and audits.
 */
async function handleGET(req: Request, { params }: { params: Promise<{ list: string }> }) {
  const claims = await sessionClaims();
  const view = claims ? await resolveSession(claims) : null;
  if (!view) return fail(401, 'Sign in to continue.');
  if (!view.active) return fail(403, 'Choose an organization first.');
  const actor = {
    orgId: view.active.orgId,
    userId: view.user.id,
    email: view.user.email,
    role: view.active.role,
    ...requestMetaFromHeaders(req.headers),
  };
  try {
    const { fileName, body } = openListExport(
      actor,
      (await params).list,
      new URL(req.url).searchParams,
    );
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
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

export const GET = observed('/api/export/[list]', handleGET);
