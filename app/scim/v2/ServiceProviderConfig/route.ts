import { serveDiscovery } from '@/server/api/scim-route';
import { serviceProviderConfig } from '@/server/domain/scim/discovery';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /scim/v2/ServiceProviderConfig` (RFC 7643 §5). */
export function GET(request: Request): Response {
  return serveDiscovery(request, serviceProviderConfig);
}
