import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import { sessionClaims } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/root';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** CSRF: a browser always sends Origin on cross-site POSTs; refuse any that is not ours. */
function crossSite(req: Request): boolean {
  if (req.method !== 'POST') return false;
  const origin = req.headers.get('origin');
  if (!origin) return false;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

async function handler(req: Request) {
  if (crossSite(req)) {
    return Response.json({ error: 'Cross-site request refused' }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () => ({
      session: await sessionClaims(),
      meta: requestMetaFromHeaders(req.headers),
    }),
  });
}

export { handler as GET, handler as POST };
