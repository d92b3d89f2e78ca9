import { observed } from '@/server/api/observed-route';
import { serveRead } from '@/server/api/read-route';
import { readCasesSchema } from '@/server/domain/read-api/inputs';
import { readCases } from '@/server/services/read-api/case-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/cases`: cases, newest first (docs/INTERFACES.md §HTTP read API; documented in server/api/openapi-read.ts). */
function handleGET(request: Request): Promise<Response> {
  return serveRead(request, 'read.cases', readCasesSchema, readCases);
}

export const GET = observed('/api/v1/cases', handleGET);
