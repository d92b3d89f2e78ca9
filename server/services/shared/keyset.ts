import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { cursorValues } from '@/server/domain/cursor';
import { UserFacingError } from './errors';

/**
 * Keyset pagination: the cursor is the sort key of the last row shown, so page N costs the same
 * as page 1 (docs/BENCHMARKS.md §Targets). Cursors are opaque base64url JSON.
 */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (!cursor) return null;
  const parsed = z
    .array(z.union([z.string().max(500), z.number()]))
    .length(arity)
    .safeParse(cursorValues(cursor));
  return parsed.success ? parsed.data : null;
}

/** `(k1, k2, …) > (v1, v2, …)` as a row comparison (all keys ascending). */
export function afterCursor(keys: SQL[], values: (string | number)[]): SQL {
  return sql`(${sql.join(keys, sql`, `)}) > (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

export { cursorSchema } from '@/server/domain/cursor';

/** The cursor's values, or a clear error for a tampered or outdated link (no cursor: null). */
export function requireCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  const values = decodeCursor(cursor, arity);
  if (cursor && !values)
    throw new UserFacingError(
      'BAD_REQUEST',
      'That page link is no longer valid. Start from the first page.',
    );
  return values;
}

/**
 * A timestamp as a cursor key, to the microsecond: a millisecond ISO string would sort a row
 * stamped .123400 after the cursor .123 and skip it on the next page.
 */
export function microsKey(time: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Keyset condition for lists shown newest first on (time, id); the time comes from `microsKey`. */
export function beforeCursor(time: SQLWrapper, id: SQLWrapper, values: (string | number)[]): SQL {
  return sql`(${time}, ${id}) < (${values[0]}::timestamptz, ${values[1]}::uuid)`;
}
