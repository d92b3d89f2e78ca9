import { SAML, ValidateInResponseTo, type Profile } from '@node-saml/node-saml';
import { emailSchema } from '@/server/domain/auth/password';
import { ssoRefusalCode, type SignInErrorCode } from '@/server/domain/auth/sso';
import { getEnv, samlEnabled, type Env } from '@/server/env';
import type { RequestMeta } from '@/server/services/shared/actor';
import { samlRequestStore, withSamlValidation } from './saml-requests';
import { signInWithSso } from './sessions';
import { mintSsoTicket } from './sso-tickets';

const EMAIL_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** The ACS URL, the SP entity id (and audience) this deployment answers to. */
export function samlEndpoints(env: Env) {
  const base = env.NEXTAUTH_URL!.replace(/\/$/, '');
  return {
    acsUrl: `${base}/api/sso/saml/acs`,
    metadataUrl: `${base}/api/sso/saml/metadata`,
    entityId: env.SAML_SP_ENTITY_ID ?? `${base}/api/sso/saml/metadata`,
  };
}

/** A PEM, or the base64 body an IdP's metadata shows, as node-saml wants it. */
function certOf(raw: string): string {
  const body = raw.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----`;
}

const providers = new WeakMap<Env, SAML>();

/** The service provider, or null when SAML is not configured (SAML_ENTRY_POINT, SAML_IDP_CERT). */
export function samlServiceProvider(env: Env = getEnv()): SAML | null {
  if (!samlEnabled(env)) return null;
  let sp = providers.get(env);
  if (!sp) {
    const { acsUrl, entityId } = samlEndpoints(env);
    sp = new SAML({
      entryPoint: env.SAML_ENTRY_POINT,
      idpCert: certOf(env.SAML_IDP_CERT!),
      issuer: entityId,
      audience: entityId,
      callbackUrl: acsUrl,
      // Only a signature over the assertion itself counts; a signed envelope around an
      // unsigned assertion is refused.
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: 10 * 60_000,
      acceptedClockSkewMs: env.SAML_CLOCK_SKEW_SECONDS * 1000,
      identifierFormat: EMAIL_NAME_ID,
      disableRequestedAuthnContext: true,
      signatureAlgorithm: 'sha256',
      cacheProvider: samlRequestStore,
    });
    providers.set(env, sp);
  }
  return sp;
}

type XmlJs = Record<string, unknown> & { $?: Record<string, string> };

function first(node: unknown, key: string): XmlJs | undefined {
  const list = (node as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(list) ? (list[0] as XmlJs) : undefined;
}

/**
 * Checks node-saml leaves to the caller, on the signed assertion: the bearer confirmation names
 * this ACS as its recipient and answers the request the response answers, and the issuer is the
 * configured IdP when one is named.
 */
function confirmationRefusal(profile: Profile, env: Env): string | null {
  const assertion = profile.getAssertion?.().Assertion;
  const data = first(
    first(first(assertion, 'Subject'), 'SubjectConfirmation'),
    'SubjectConfirmationData',
  );
  if (data?.$?.Recipient !== samlEndpoints(env).acsUrl) return 'Recipient is not this ACS';
  if (!profile.inResponseTo || data.$.InResponseTo !== profile.inResponseTo)
    return 'SubjectConfirmationData InResponseTo does not match';
  if (env.SAML_IDP_ISSUER && profile.issuer !== env.SAML_IDP_ISSUER) return 'Unexpected issuer';
  return null;
}

function emailOf(profile: Profile): string | null {
  const candidate =
    typeof profile.email === 'string'
      ? profile.email
      : profile.nameIDFormat === EMAIL_NAME_ID
        ? profile.nameID
        : null;
  const parsed = emailSchema.safeParse(candidate ?? '');
  return parsed.success ? parsed.data : null;
}

export type SamlSignInResult =
  { ok: true; ticket: string } | { ok: false; code: SignInErrorCode; detail: string };

/**
 * The ACS: validates a posted SAMLResponse (signed assertion, audience, recipient,
 * InResponseTo once, time window with the configured skew), links the asserted email the same
 * way OIDC does, and mints a one-time ticket for the browser to redeem.
 */
export async function completeSamlSignIn(
  samlResponse: string,
  meta: RequestMeta,
  env: Env = getEnv(),
): Promise<SamlSignInResult> {
  const sp = samlServiceProvider(env);
  if (!sp) return { ok: false, code: 'SsoInvalidResponse', detail: 'SAML is not configured' };
  let profile: Profile | null;
  try {
    ({ profile } = await withSamlValidation(() =>
      sp.validatePostResponseAsync({ SAMLResponse: samlResponse }),
    ));
  } catch (error) {
    return { ok: false, code: 'SsoInvalidResponse', detail: (error as Error).message };
  }
  if (!profile) return { ok: false, code: 'SsoInvalidResponse', detail: 'No profile' };
  const refusal = confirmationRefusal(profile, env);
  if (refusal) return { ok: false, code: 'SsoInvalidResponse', detail: refusal };
  const email = emailOf(profile);
  if (!email) return { ok: false, code: 'SsoUnknownAccount', detail: 'No email in the assertion' };
  const result = await signInWithSso(email, meta, 'saml');
  if (!result.ok) return { ok: false, code: ssoRefusalCode(result.reason), detail: result.reason };
  return { ok: true, ticket: await mintSsoTicket(result.user.id, result.orgId) };
}
