import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

/**
 * Keyset pagination: the cursor is the sort key of the last row shown, so page N costs the same
 * as page 1 (spec/quality.md "lists paginate by keyset"). Cursors are opaque base64url JSON.
 */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parsed = z
      .array(z.union([z.string().max(500), z.number()]))
      .length(arity)
      .safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `(k1, k2, …) > (v1, v2, …)` as a row comparison (all keys ascending). */
export function afterCursor(keys: SQL[], values: (string | number)[]): SQL {
  return sql`(${sql.join(keys, sql`, `)}) > (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

export const cursorSchema = z.string().max(2000).optional();
