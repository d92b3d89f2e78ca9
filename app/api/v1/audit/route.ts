import { observed } from '@/server/api/observed-route';
import { serveRead } from '@/server/api/read-route';
import { readAuditSchema } from '@/server/domain/read-api/inputs';
import { readAudit } from '@/server/services/read-api/audit-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/audit`: the audit log, newest first (docs/INTERFACES.md §HTTP read API; documented in server/api/openapi-read.ts). */
function handleGET(request: Request): Promise<Response> {
  return serveRead(request, 'read.audit', readAuditSchema, readAudit);
}

export const GET = observed('/api/v1/audit', handleGET);
