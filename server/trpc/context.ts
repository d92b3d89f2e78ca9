import { headers } from 'next/headers';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import type { SessionClaims, TrpcContext } from './init';

/** Session claims from the next-auth JWT; role and membership are re-read per request. */
export async function sessionClaims(): Promise<SessionClaims | null> {
  const session = await getServerSession(authOptions());
  if (!session?.uid || !session.sid) return null;
  return {
    userId: session.uid,
    orgId: session.orgId ?? null,
    sessionVersion: session.sv ?? 0,
    sessionId: session.sid,
  };
}

export async function createRequestContext(): Promise<TrpcContext> {
  return { session: await sessionClaims(), meta: requestMetaFromHeaders(await headers()) };
}
