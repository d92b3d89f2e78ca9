import { randomUUID } from 'node:crypto';
import type { RequestMeta } from '@/server/services/actor';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Client address (first X-Forwarded-For hop, set by the proxy in front) and a request id. */
export function requestMetaFromHeaders(headers: HeaderSource): RequestMeta {
  const forwarded = read(headers, 'x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || read(headers, 'x-real-ip') || null;
  const requestId = read(headers, 'x-request-id') || randomUUID();
  return { ip: ip ? ip.slice(0, 64) : null, requestId: requestId.slice(0, 100) };
}
