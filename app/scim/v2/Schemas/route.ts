import { observed } from '@/server/api/observed-route';
import { serveDiscovery } from '@/server/api/scim-route';
import { schemas } from '@/server/domain/scim/discovery';
import { listResponse } from '@/server/domain/scim/protocol';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /scim/v2/Schemas` (RFC 7643 §7): the attributes Vigil keeps. */
function handleGET(request: Request): Response {
  return serveDiscovery(request, (base) => {
    const all = schemas(base);
    return listResponse(all, all.length, 1);
  });
}

export const GET = observed('/scim/v2/Schemas', handleGET);
