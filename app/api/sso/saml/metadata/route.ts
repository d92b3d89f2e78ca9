import { observed } from '@/server/api/observed-route';
import { samlServiceProvider } from '@/server/services/auth/saml';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** SP metadata for the identity provider's administrator (entity id, ACS URL, NameID format). */
function handleGET() {
  const sp = samlServiceProvider();
  if (!sp) return new Response('SAML is not configured.', { status: 404 });
  return new Response(sp.generateServiceProviderMetadata(null, null), {
    headers: { 'content-type': 'application/samlmetadata+xml; charset=utf-8' },
  });
}

export const GET = observed('/api/sso/saml/metadata', handleGET);
