import { observed } from '@/server/api/observed-route';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import { SAML_TICKET_COOKIE, SAML_TICKET_PATH } from '@/server/auth/saml-provider';
import { getEnv } from '@/server/env';
import { completeSamlSignIn } from '@/server/services/auth/saml';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// A signed response with a handful of attributes is a few KB; refuse anything far larger unread.
const MAX_BODY_BYTES = 512 * 1024;

function seeOther(path: string, cookie?: string): Response {
  const base = getEnv().NEXTAUTH_URL!.replace(/\/$/, '');
  const headers = new Headers({ location: `${base}${path}`, 'cache-control': 'no-store' });
  if (cookie) headers.set('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/**
 * The assertion consumer service (HTTP-POST binding). The identity provider's page posts here
 * cross-site, so there is no same-origin check: the signed assertion, answering a request this
 * server made, is the credential (docs/SECURITY.md §Single sign-on).
 */
async function handlePOST(request: Request) {
  // Browsers always send the length of a form post; without one the body could be unbounded.
  const declared = request.headers.get('content-length');
  if (declared === null) return new Response('Length required.', { status: 411 });
  const length = Number(declared);
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES)
    return new Response('Too large.', { status: 413 });
  let samlResponse: string | null = null;
  try {
    const form = await request.formData();
    const value = form.get('SAMLResponse');
    samlResponse = typeof value === 'string' && value.length <= MAX_BODY_BYTES ? value : null;
  } catch {
    samlResponse = null;
  }
  if (!samlResponse) return seeOther('/sign-in?error=SsoInvalidResponse');
  const result = await completeSamlSignIn(samlResponse, requestMetaFromHeaders(request.headers));
  if (!result.ok) return seeOther(`/sign-in?error=${result.code}`);
  const secure = (getEnv().NEXTAUTH_URL ?? '').startsWith('https://') ? '; Secure' : '';
  return seeOther(
    '/sign-in/saml',
    `${SAML_TICKET_COOKIE}=${result.ticket}; Path=${SAML_TICKET_PATH}; Max-Age=60; HttpOnly; SameSite=Lax${secure}`,
  );
}

export const POST = observed('/api/sso/saml/acs', handlePOST);
