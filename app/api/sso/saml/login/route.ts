import { observed } from '@/server/api/observed-route';
import { samlServiceProvider } from '@/server/services/auth/saml';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts a SAML sign-in: an AuthnRequest (its id remembered) to the IdP, HTTP-Redirect binding. */
async function handleGET() {
  const sp = samlServiceProvider();
  if (!sp) return new Response('SAML is not configured.', { status: 404 });
  const url = await sp.getAuthorizeUrlAsync('', undefined, {});
  return new Response(null, {
    status: 302,
    headers: { location: url, 'cache-control': 'no-store' },
  });
}

export const GET = observed('/api/sso/saml/login', handleGET);
