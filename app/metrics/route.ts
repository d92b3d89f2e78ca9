import { serveMetrics } from '@/server/api/metrics-route';
import { observed } from '@/server/api/observed-route';
import { getEnv } from '@/server/env';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Prometheus scrape endpoint, bearer-token protected (docs/OPERATIONS.md §Metrics). */
function handleGET(request: Request): Promise<Response> {
  return serveMetrics(request, getEnv().VIGIL_METRICS_TOKEN);
}

export const GET = observed('/metrics', handleGET, { quiet: true });
