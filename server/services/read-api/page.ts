import type { TenantScope } from '@/db/tenant';
import type { ReadPage } from '@/server/domain/read-api/shapes';
import { encodeCursor } from '@/server/services/shared/keyset';

/** An API key acts for its organization and no user; row-level security still applies (docs/SECURITY.md §Row-level security). */
export function keyScope(orgId: string): TenantScope {
  return { orgId, userId: null };
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
