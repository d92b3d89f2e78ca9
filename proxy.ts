import { NextResponse, type NextRequest } from 'next/server';
import { acceptedRequestId } from '@/server/domain/observability/request-id';

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
const PUBLIC_PREFIXES = ['/sign-in', '/invite/', '/attest/', '/unsubscribe/'];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== 'production';
  // Scripts only with this request's nonce; style attributes stay allowed (charts set them).
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Runs before every page: a per-request CSP nonce, and a cheap redirect to sign-in when no
 * session cookie is present (the signed-in layout still verifies the session itself).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Prometheus's scrape endpoint checks its own bearer token (docs/OPERATIONS.md §Metrics).
  if (pathname === '/metrics') return NextResponse.next();
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && !PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search =
      pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
    return NextResponse.redirect(url);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  // One id per page request, for its audit entries and log lines (docs/OPERATIONS.md §Logs).
  const requestId = acceptedRequestId(request.headers.get('x-request-id')) ?? crypto.randomUUID();
  requestHeaders.set('x-request-id', requestId);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('x-request-id', requestId);
  return response;
}

export const config = {
  // /scim/v2 is an API for identity providers (bearer keys, docs/SCIM.md), and TAXII clients
  // hold an API key, not a session (/taxii2 is rewritten to an API route): no sign-in redirect.
  matcher: [{ source: '/((?!api/|scim/v2/|taxii2|_next/static|_next/image|favicon.ico).*)' }],
};
