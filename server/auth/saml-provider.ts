import type { User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { samlEnabled, type Env } from '@/server/env';
import { redeemSsoTicket } from '@/server/services/auth/sso-tickets';

/** The cookie the ACS sets with the one-time ticket; only the redeeming callback receives it. */
export const SAML_TICKET_COOKIE = 'vigil.sso-ticket';
export const SAML_TICKET_PATH = '/api/auth/callback/saml';

function cookieValue(header: unknown, name: string): string | null {
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * SAML ends in the same next-auth session as the other sign-ins: this provider accepts only a
 * ticket the ACS minted after validating a signed assertion, read from an HttpOnly cookie the
 * page cannot touch. Nothing the browser sends names a user (docs/SECURITY.md §Single sign-on).
 */
export function samlProviders(env: Env) {
  if (!samlEnabled(env)) return [];
  return [
    CredentialsProvider({
      id: 'saml',
      name: env.SAML_NAME,
      credentials: {},
      async authorize(_credentials, req) {
        const token = cookieValue(req?.headers?.cookie, SAML_TICKET_COOKIE);
        const ticket = token ? await redeemSsoTicket(token) : null;
        if (!ticket) throw new Error('SsoTicketInvalid');
        return { ...ticket.user, orgId: ticket.orgId } satisfies User & { orgId: string };
      },
    }),
  ];
}
