import { z } from 'zod';

/** An opaque keyset-pagination cursor as a list input carries it (decoded by the service). */
export const cursorSchema = z.string().max(2000).optional();

/**
 * The values inside a cursor: base64url JSON, as `services/shared/keyset.ts` writes them
 * (docs/BENCHMARKS.md §Targets). Undefined when the text is not one; the caller checks the values.
 */
export function cursorValues(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const INVALID_CURSOR = 'That page link is not valid; start again from the first page (no cursor).';

/**
 * A cursor checked at the boundary against the exact values its list writes (a timestamp and a
 * uuid, a number …), so a crafted or damaged one is a clear input error rather than a query the
 * database refuses.
 */
export function keysetCursorSchema<T extends z.ZodTuple>(values: T) {
  return z
    .string()
    .max(2000, INVALID_CURSOR)
    .transform((cursor, ctx): z.output<T> => {
      const parsed = values.safeParse(cursorValues(cursor));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: INVALID_CURSOR });
      return z.NEVER;
    });
}
