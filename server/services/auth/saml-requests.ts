import { AsyncLocalStorage } from 'node:async_hooks';
import type { CacheItem, CacheProvider } from '@node-saml/node-saml';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { samlRequests } from '@/db/schema';
import { withSystem } from '@/db/tenant';

// The ids one validation has marked: node-saml marks again when it fails after marking, and that
// second mark must not hide the failure's own reason.
const markedHere = new AsyncLocalStorage<Set<string>>();

/** Runs one response's validation with its own record of the ids it marked. */
export function withSamlValidation<T>(fn: () => Promise<T>): Promise<T> {
  return markedHere.run(new Set(), fn);
}

/**
 * node-saml's store of the AuthnRequest ids Vigil sent, kept in the database so every app
 * instance accepts a response to a request any of them made. An id answers once: `removeAsync`
 * marks it in one statement and refuses when it was already marked, so two parallel posts of
 * the same response cannot both pass (docs/SECURITY.md §Single sign-on).
 */
export const samlRequestStore: CacheProvider = {
  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    await withSystem(async (tx) => {
      await tx
        .delete(samlRequests)
        .where(lt(samlRequests.createdAt, sql`now() - interval '1 day'`));
      await tx.insert(samlRequests).values({ id: key, createdAt: new Date(value) });
    });
    return { value, createdAt: Date.parse(value) };
  },
  async getAsync(key: string): Promise<string | null> {
    const [row] = await withSystem((tx) =>
      tx
        .select({ createdAt: samlRequests.createdAt })
        .from(samlRequests)
        .where(and(eq(samlRequests.id, key), isNull(samlRequests.redeemedAt))),
    );
    return row ? row.createdAt.toISOString() : null;
  },
  async removeAsync(key: string | null): Promise<string | null> {
    if (!key) return null;
    const [row] = await withSystem((tx) =>
      tx
        .update(samlRequests)
        .set({ redeemedAt: sql`now()` })
        .where(and(eq(samlRequests.id, key), isNull(samlRequests.redeemedAt)))
        .returning({ id: samlRequests.id }),
    );
    const marked = markedHere.getStore();
    if (row) marked?.add(key);
    else if (!marked?.has(key)) throw new Error('InResponseTo was already answered');
    return key;
  },
};
