/** Small helpers every service needs for talking to either driver. */

/** postgres.js returns an array of rows; PGlite returns `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Makes user text match literally inside a LIKE / ILIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The error carries this SQLSTATE, itself or as its `cause` (drizzle wraps driver errors). */
function hasSqlState(error: unknown, code: string): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === code || e?.cause?.code === code;
}

/** A unique constraint refused the write. */
export function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, '23505');
}

/** PostgreSQL aborted the transaction to break a deadlock. */
export function isDeadlock(error: unknown): boolean {
  return hasSqlState(error, '40P01');
}

/**
 * Runs a transaction again when PostgreSQL broke a deadlock by aborting it (nothing of it was
 * kept, so running it again is safe): concurrent writers of overlapping rows can meet that way.
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
    }
  }
}
