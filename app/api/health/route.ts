import { observed } from '@/server/api/observed-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Liveness (docs/OPERATIONS.md §Health): the process answers. No database call, so a database
 * outage never gets healthy instances restarted; readiness is `/api/ready`.
 */
function handleGET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = observed('/api/health', handleGET, { quiet: true });
