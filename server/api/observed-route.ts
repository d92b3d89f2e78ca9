import { randomUUID } from 'node:crypto';
import { errorFields } from '@/server/domain/observability/log-fields';
import { acceptedRequestId } from '@/server/domain/observability/request-id';
import { log } from '@/server/services/observability/logger';
import { metrics, secondsSince } from '@/server/services/observability/metrics';
import {
  runWithRequestContext,
  type RequestContext,
} from '@/server/services/observability/request-context';

type Handler<A extends unknown[]> = (request: Request, ...rest: A) => Response | Promise<Response>;

/**
 * Wraps an `app/api/**` route handler (docs/OPERATIONS.md §How requests are timed). The App
 * Router has no hook around route handlers that sees both the route template and the response, so
 * each route file wraps its exports: the wrapper takes the caller's `X-Request-Id` or makes one,
 * runs the handler inside the request's log context, answers with the id, observes the latency
 * under the route's template (never the raw path, which would carry ids and explode the series),
 * and writes one log line of ids, status and duration. Health probes log at debug only.
 */
export function observed<A extends unknown[]>(
  route: string,
  handler: Handler<A>,
  options: { quiet?: boolean } = {},
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const started = performance.now();
    const ctx: RequestContext = {
      requestId: acceptedRequestId(request.headers.get('x-request-id')) ?? randomUUID(),
      route,
      method: request.method,
    };
    let status = 500;
    try {
      const response = await runWithRequestContext(ctx, () => handler(request, ...rest));
      status = response.status;
      return withRequestId(response, ctx.requestId);
    } catch (error) {
      log.error(
        {
          requestId: ctx.requestId,
          route,
          orgId: ctx.orgId,
          event: 'http.unhandled',
          ...errorFields(error),
        },
        'route handler threw',
      );
      throw error;
    } finally {
      const seconds = secondsSince(started);
      metrics().httpDuration.observe(
        { route, method: ctx.method, status: String(status) },
        seconds,
      );
      const line = {
        event: 'http.request',
        requestId: ctx.requestId,
        route,
        method: ctx.method,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(ctx.orgId ? { orgId: ctx.orgId } : {}),
        ...(ctx.procedures ? { procedures: ctx.procedures } : {}),
      };
      if (options.quiet && status < 500) log.debug(line);
      else log.info(line);
    }
  };
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set('x-request-id', requestId);
    return response;
  } catch {
    // Some responses (Response.redirect) have immutable headers: answer a copy instead.
    const copy = new Response(response.body, response);
    copy.headers.set('x-request-id', requestId);
    return copy;
  }
}
