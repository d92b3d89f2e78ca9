import { randomUUID } from 'node:crypto';
import { acceptedRequestId } from '@/server/domain/observability/request-id';
import { getEnv } from '@/server/env';
import { currentRequestContext } from '@/server/services/observability/request-context';
import type { RequestMeta } from '@/server/services/shared/actor';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The client address as the trusted proxy saw it: X-Forwarded-For read from the right, since a
 * client can prepend anything it likes (a spoofed address would dodge per-address rate limits).
 */
export function clientAddress(
  forwardedFor: string | undefined,
  trustedHops: number,
): string | null {
  // No trusted proxy: every X-Forwarded-For value is client-supplied, so none is believed.
  if (trustedHops === 0) return null;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  return hops[Math.max(0, hops.length - trustedHops)] ?? null;
}

/**
 * Client address and a request id for audit entries and rate limits. The id is the one the route
 * wrapper chose (so audit entries, log lines and the response header agree), else the caller's
 * when it looks like an id, else a new one.
 */
export function requestMetaFromHeaders(headers: HeaderSource): RequestMeta {
  const ip = clientAddress(read(headers, 'x-forwarded-for'), getEnv().TRUST_PROXY_HOPS);
  const requestId =
    currentRequestContext()?.requestId ??
    acceptedRequestId(read(headers, 'x-request-id')) ??
    randomUUID();
  const userAgent = read(headers, 'user-agent')?.slice(0, 500) ?? null;
  return { ip: ip ? ip.slice(0, 64) : null, requestId: requestId.slice(0, 100), userAgent };
}
