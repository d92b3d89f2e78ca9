import type { NextAuthOptions, User } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getEnv, oidcEnabled } from '@/server/env';
import {
  recordSignOut,
  resolveSession,
  sessionVersionOf,
  signInWithPassword,
  signInWithSso,
} from '@/server/services/auth-service';
import { getAuthSecret } from './secret';
import { requestMetaFromHeaders } from './request-meta';

interface VigilUser extends User {
  orgId: string;
}

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  email_verified?: boolean;
}

function oidcProvider(): OAuthConfig<OidcProfile>[] {
  const env = getEnv();
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
          const result = await signInWithPassword(
            { email: credentials?.email, password: credentials?.password },
            requestMetaFromHeaders(req?.headers ?? {}),
          );
          // One generic failure for every reason: nothing tells an attacker which emails exist.
          if (!result.ok) return null;
          return { ...result.user, orgId: result.orgId } satisfies VigilUser;
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        const result = await signInWithSso(user.email ?? '', { requestId: null, ip: null });
        if (!result.ok) return '/sign-in?error=AccessDenied';
        Object.assign(user, { id: result.user.id, orgId: result.orgId });
        return true;
      },
      async jwt({ token, user, trigger, session }) {
        if (user) {
          const v = user as VigilUser;
          token.uid = v.id;
          token.orgId = v.orgId;
          token.sv = (await sessionVersionOf(v.id)) ?? 0;
        }
        if (trigger === 'update' && token.uid) {
          // Organization switch: accepted only for an active membership.
          const wanted = (session as { orgId?: unknown } | undefined)?.orgId;
          if (typeof wanted === 'string') {
            const view = await resolveSession(token.uid, wanted, token.sv ?? 0);
            if (view?.active) token.orgId = wanted;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, orgId: token.orgId, sv: token.sv };
      },
    },
    events: {
      async signOut({ token }) {
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
