import { metricsAccess } from '@/server/domain/observability/metrics-token';
import { metrics } from '@/server/services/observability/metrics';
import { refreshQueueGauges } from '@/server/services/observability/readiness';

/**
 * `GET /metrics` in Prometheus's text format (docs/OPERATIONS.md §Metrics). Disabled (404, as if
 * the path did not exist) while no token is configured, so an instance never exposes its numbers
 * by default; otherwise the scraper presents the token as a bearer and anything else gets 401.
 */
export async function serveMetrics(request: Request, token: string | undefined): Promise<Response> {
  const access = metricsAccess(token, request.headers.get('authorization'));
  if (access === 'disabled') return new Response('Not found', { status: 404 });
  if (access === 'unauthorized')
    return new Response('Unauthorized', {
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="vigil-metrics"' },
    });
  await refreshQueueGauges();
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
  });
}
