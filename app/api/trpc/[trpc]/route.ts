import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { observed } from '@/server/api/observed-route';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import { isCrossSitePost } from '@/server/auth/same-origin';
import { sessionClaims } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/root';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handler(req: Request) {
  if (isCrossSitePost(req)) {
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

const observedHandler = observed('/api/trpc/[trpc]', handler);

export { observedHandler as GET, observedHandler as POST };
