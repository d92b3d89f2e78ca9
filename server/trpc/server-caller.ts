import 'server-only';
import { cache } from 'react';
import { SharedReads } from '@/db/shared-reads';
import { ownTenantTransaction } from '@/db/tenant';
import { resolveSession, type SessionView } from '@/server/services/auth/sessions';
import { createRequestContext } from './context';
import { createCaller } from './root';

/**
 * Server components read through these callers, so role checks and tenant scoping always apply.
 * One pair per request (React `cache`); their calls are reads, so they share one resolution of
 * the session (a vendor page made nine before, each two queries in its own transaction).
 */
const requestCallers = cache(async () => {
  const ctx = await createRequestContext();
  const claims = ctx.session;
  let view: Promise<SessionView | null> | undefined;
  const sessionView = claims ? () => (view ??= resolveSession(claims)) : undefined;
  return {
    shared: createCaller({
      ...ctx,
      sessionView,
      sharedReads: new SharedReads(ownTenantTransaction),
    }),
    own: createCaller({ ...ctx, sessionView }),
  };
});

/** The default: the render's tenant reads share read-only transactions (db/shared-reads.ts). */
export const serverCaller = async () => (await requestCallers()).shared;

/**
 * Each call in a transaction of its own, as before sharing: for a page whose few reads include
 * one slow query that would hold the others behind it in a shared transaction (the overview:
 * docs/BENCHMARKS.md §"Pages: thin and parallel").
 */
export const serverCallerOwnTransactions = async () => (await requestCallers()).own;
