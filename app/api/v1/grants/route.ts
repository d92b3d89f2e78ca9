import { observed } from '@/server/api/observed-route';
import { serveRead } from '@/server/api/read-route';
import { readGrantsSchema } from '@/server/domain/read-api/inputs';
import { readGrants } from '@/server/services/read-api/grant-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/grants`: access requests and grants, newest first (docs/INTERFACES.md §HTTP read API; documented in server/api/openapi-read.ts). */
function handleGET(request: Request): Promise<Response> {
  return serveRead(request, 'read.grants', readGrantsSchema, readGrants);
}

export const GET = observed('/api/v1/grants', handleGET);
