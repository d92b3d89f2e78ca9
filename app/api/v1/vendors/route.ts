import { observed } from '@/server/api/observed-route';
import { serveRead } from '@/server/api/read-route';
import { readVendorsSchema } from '@/server/domain/read-api/inputs';
import { readVendors } from '@/server/services/read-api/inventory-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/vendors`: vendors, alphabetically (docs/INTERFACES.md §HTTP read API; documented in server/api/openapi-read.ts). */
function handleGET(request: Request): Promise<Response> {
  return serveRead(request, 'read.vendors', readVendorsSchema, readVendors);
}

export const GET = observed('/api/v1/vendors', handleGET);
