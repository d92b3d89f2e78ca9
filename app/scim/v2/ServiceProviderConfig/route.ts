import { observed } from '@/server/api/observed-route';
import { serveDiscovery } from '@/server/api/scim-route';
import { serviceProviderConfig } from '@/server/domain/scim/discovery';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /scim/v2/ServiceProviderConfig` (RFC 7643 §5). */
function handleGET(request: Request): Response {
  return serveDiscovery(request, serviceProviderConfig);
}

export const GET = observed('/scim/v2/ServiceProviderConfig', handleGET);
