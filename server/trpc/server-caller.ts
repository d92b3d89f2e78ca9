import 'server-only';
import { cache } from 'react';
import { SharedReads } from '@/db/shared-reads';
import { ownTenantTransaction } from '@/db/tenant';
import { resolveSession, type SessionView } from '@/server/services/auth/sessions';
import { createRequestContext } from './context';
import { createCaller } from './root';

/**
 * Server components read through this caller, so role checks and tenant scoping always apply.
 * One caller per request (React `cache`); its calls are reads, so they share one resolution of
 * the session (a vendor page made nine before, each two queries in its own transaction), and
 * their tenant reads share a render's read-only transactions (db/shared-reads.ts).
 */
export const serverCaller = cache(async () => {
  const ctx = await createRequestContext();
  const claims = ctx.session;
  let view: Promise<SessionView | null> | undefined;
  return createCaller({
    ...ctx,
    sessionView: claims ? () => (view ??= resolveSession(claims)) : undefined,
    sharedReads: new SharedReads(ownTenantTransaction),
  });
});
