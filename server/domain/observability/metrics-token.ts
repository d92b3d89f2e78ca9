import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'disabled' | 'unauthorized' | 'allowed';

/**
 * Who may scrape `/metrics` (docs/OPERATIONS.md §Metrics): nobody while `VIGIL_METRICS_TOKEN` is
 * unset (the endpoint answers 404, as if absent), otherwise a bearer with exactly that token.
 * Both sides are hashed first so the comparison takes the same time whatever their lengths.
 */
export function metricsAccess(
  configuredToken: string | undefined,
  authorization: string | null,
): MetricsAccess {
  if (!configuredToken) return 'disabled';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'unauthorized';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(configuredToken)) ? 'allowed' : 'unauthorized';
}
