import { observed } from '@/server/api/observed-route';
import { getEnv } from '@/server/env';
import { checkReadiness } from '@/server/services/observability/readiness';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Readiness (docs/OPERATIONS.md §Health): 200 while the database answers, with the job queue's
 * depth and oldest due job's age and the replica's lag; 503 when the database is unreachable.
 */
async function handleGET(): Promise<Response> {
  const ready = await checkReadiness(getEnv().DATABASE_REPLICA_URL);
  return Response.json(ready.body, {
    status: ready.httpStatus,
    headers: { 'Cache-Control': 'no-store' },
  });
}

export const GET = observed('/api/ready', handleGET, { quiet: true });
