import { sql } from 'drizzle-orm';
import { authThrottle } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { rowsOf } from '@/server/services/shared/sql-helpers';

export interface RateLimitResult {
  allowed: boolean;
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Whole seconds until the window resets (at least 1): the `Retry-After` value. */
  retryAfterSeconds: number;
}

/**
 * Counts one request against `key` in a fixed window and says whether it is within `limit`.
 * The counter lives in PostgreSQL (the `auth_throttle` buckets sign-in uses, keys namespaced by
 * the caller), so every app instance shares it; one upsert keeps concurrent requests race-free,
 * and the database clock decides the window so instances with skewed clocks agree.
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<RateLimitResult> {
  return withSystem(async (tx) => {
    const expired = sql`${authThrottle.windowStartedAt} <= now() - make_interval(secs => ${windowSeconds})`;
    const rows = await tx.execute(sql`
      insert into ${authThrottle} (key, window_started_at, attempts) values (${key}, now(), 1)
      on conflict (key) do update set
        attempts = case when ${expired} then 1 else ${authThrottle.attempts} + 1 end,
        window_started_at = case when ${expired} then now() else ${authThrottle.windowStartedAt} end
      returning attempts,
        extract(epoch from (window_started_at + make_interval(secs => ${windowSeconds}) - now()))::float8 as remaining`);
    const row = rowsOf<{ attempts: number; remaining: number }>(rows)[0];
    if (!row) throw new Error('rate-limit upsert returned nothing');
    const count = Number(row.attempts);
    return {
      allowed: count <= limit,
      count,
      retryAfterSeconds: Math.max(1, Math.ceil(Number(row.remaining))),
    };
  });
}
