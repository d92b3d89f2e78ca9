import { observed } from '@/server/api/observed-route';
import { serveDiscovery } from '@/server/api/scim-route';
import { resourceTypes } from '@/server/domain/scim/discovery';
import { listResponse } from '@/server/domain/scim/protocol';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /scim/v2/ResourceTypes` (RFC 7643 §6): User and Group. */
function handleGET(request: Request): Response {
  return serveDiscovery(request, (base) => {
    const types = resourceTypes(base);
    return listResponse(types, types.length, 1);
  });
}

export const GET = observed('/scim/v2/ResourceTypes', handleGET);
