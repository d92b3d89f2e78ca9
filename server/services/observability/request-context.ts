import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the log lines of one HTTP request share (docs/OPERATIONS.md §Logs): set by the route
 * wrapper (server/api/observed-route.ts), filled in as the request learns more (the tenant once a
 * session or API key resolves it, the tRPC procedures it ran), read by the logger's mixin.
 */
export interface RequestContext {
  requestId: string;
  route: string;
  method: string;
  orgId?: string;
  procedures?: string[];
}

// On the process, not the module: Next.js may load this file once per bundle, and the wrapper
// and the code deeper in the request must meet on one store.
const holder = globalThis as { __vigilRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.__vigilRequestContext ??= new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The organization the request acts in, once known (an id only, never a name). */
export function noteRequestTenant(orgId: string): void {
  const context = storage.getStore();
  if (context) context.orgId = orgId;
}

/** A tRPC procedure the request ran (a batch runs several). */
export function noteRequestProcedure(path: string): void {
  const context = storage.getStore();
  if (context && (context.procedures ??= []).length < 20) context.procedures.push(path);
}
