import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { TenantScope } from '@/db/tenant';
import type { ReadPage } from '@/server/domain/read-api/shapes';
import { encodeCursor } from '@/server/services/shared/keyset';

/** An API key acts for its organization and no user; row-level security still applies (docs/SECURITY.md §Row-level security). */
export function keyScope(orgId: string): TenantScope {
  return { orgId, userId: null };
}

/**
 * A timestamp as a cursor key, to the microsecond: a millisecond ISO string would sort a row
 * stamped .123400 after the cursor .123 and skip it on the next page.
 */
export function microsKey(time: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export const iso = (at: Date): string => at.toISOString();
export const isoOrNull = (at: Date | null): string | null => (at ? at.toISOString() : null);

/**
 * A page from `limit + 1` rows: the extra row only says there is a next page, whose cursor is the
 * sort key of the last row shown.
 */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  shape: (row: R) => T,
  keyOf: (row: R) => (string | number)[],
): ReadPage<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    data: shown.map(shape),
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  };
}
