import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { credentialsSchema } from '@/server/domain/auth/inputs';
import { emailSchema } from '@/server/domain/auth/password';
import { ssoRefusalCode, type SignInMethod } from '@/server/domain/auth/sso';
import { getEnv, oidcEnabled, type Env } from '@/server/env';
import {
  recordOrganizationSwitch,
  recordSignOut,
  resolveSession,
  startUserSession,
  endUserSession,
  signInWithPassword,
  signInWithSso,
} from '@/server/services/auth/sessions';
import { requestMetaFromHeaders } from './request-meta';
import { samlProviders } from './saml-provider';
import { getAuthSecret } from './secret';

interface VigilUser extends User {
  orgId: string;
}

const METHOD_BY_PROVIDER: Record<string, SignInMethod> = {
  credentials: 'password',
  oidc: 'oidc',
  saml: 'saml',
};

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  email_verified?: boolean;
}

/** The generic OpenID Connect provider, present only when all three OIDC_* variables are set. */
export function oidcProviders(env: Env): OAuthConfig<OidcProfile>[] {
  if (!oidcEnabled(env)) return [];
  const issuer = env.OIDC_ISSUER!.replace(/\/$/, '');
  return [
    {
      id: 'oidc',
      name: env.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.email ?? null }),
    },
  ];
}

export function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: getAuthSecret(),
    session: { strategy: 'jwt', maxAge: env.SESSION_MAX_AGE_HOURS * 3600, updateAge: 900 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const parsed = credentialsSchema.safeParse({
            email: credentials?.email,
            password: credentials?.password,
          });
          // One generic failure for every reason: nothing tells an attacker which emails exist.
          if (!parsed.success) return null;
          const result = await signInWithPassword(
            parsed.data,
            requestMetaFromHeaders(req?.headers ?? {}),
          );
          // The right password for a member whose organization requires SSO: say so, since
          // the refusal comes only after the password was right (docs/SECURITY.md §Require SSO).
          if (!result.ok && result.reason === 'sso_required') throw new Error('SsoRequired');
          if (!result.ok) return null;
          return { ...result.user, orgId: result.orgId } satisfies VigilUser;
        },
      }),
      ...oidcProviders(env),
      ...samlProviders(env),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'oidc') return true;
        // Only an email the provider has verified may identify a Vigil account.
        if ((profile as OidcProfile | undefined)?.email_verified !== true)
          return '/sign-in?error=SsoEmailUnverified';
        const email = emailSchema.safeParse(user.email ?? '');
        if (!email.success) return '/sign-in?error=SsoUnknownAccount';
        const result = await signInWithSso(email.data, { requestId: null, ip: null }, 'oidc');
        if (!result.ok) return `/sign-in?error=${ssoRefusalCode(result.reason)}`;
        Object.assign(user, { id: result.user.id, orgId: result.orgId });
        return true;
      },
      async jwt({ token, user, account, trigger, session }) {
        if (user) {
          const v = user as VigilUser;
          token.uid = v.id;
          token.orgId = v.orgId;
          // Only an SSO sign-in skips Vigil's second factor (the IdP applies its own); a password
          // sign-in starts a session that waits for it when the user has one or must enrol.
          const method = METHOD_BY_PROVIDER[account?.provider ?? 'credentials'] ?? 'password';
          const started = await startUserSession(v.id, method);
          token.sid = started.sessionId;
          token.sv = started.sessionVersion;
        }
        if (trigger === 'update' && token.uid) {
          // Organization switch: accepted only for an active membership.
          const wanted = (session as { orgId?: unknown } | undefined)?.orgId;
          if (typeof wanted === 'string') {
            const view = token.sid
              ? await resolveSession({
                  userId: token.uid,
                  orgId: wanted,
                  sessionVersion: token.sv ?? 0,
                  sessionId: token.sid,
                })
              : null;
            if (view?.active) {
              token.orgId = wanted;
              await recordOrganizationSwitch(token.uid, wanted);
            }
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, orgId: token.orgId, sv: token.sv, sid: token.sid };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await endUserSession(token.sid);
        if (token?.uid && token.orgId)
          await recordSignOut(token.uid, token.orgId, { requestId: null, ip: null });
      },
    },
    useSecureCookies: (env.NEXTAUTH_URL ?? '').startsWith('https://'),
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
