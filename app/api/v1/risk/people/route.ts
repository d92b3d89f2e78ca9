import { observed } from '@/server/api/observed-route';
import { serveRead } from '@/server/api/read-route';
import { readRiskPeopleSchema } from '@/server/domain/read-api/inputs';
import { readRiskPeople } from '@/server/services/read-api/risk-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/risk/people`: current person risk scores, riskiest first (docs/INTERFACES.md §HTTP read API; documented in server/api/openapi-read.ts). */
function handleGET(request: Request): Promise<Response> {
  return serveRead(request, 'read.risk.people', readRiskPeopleSchema, readRiskPeople);
}

export const GET = observed('/api/v1/risk/people', handleGET);
