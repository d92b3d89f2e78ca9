import {
  authRefusalMessage,
  backoffMs,
  classifyStatus,
  retryAfterMs,
} from '@/server/domain/connectors/http';
import { CONNECTOR_KIND_INFO, type ConnectorRunOutcome } from '@/server/domain/connectors/kinds';
import { UserFacingError } from '@/server/services/shared/errors';
import { NetworkError } from './http-get';
import {
  SourceError,
  SourceHttpError,
  type ConnectorSource,
  type FetchedPage,
  type SourceContext,
} from './sources/types';

export interface RetryPolicy {
  /** Further tries after the first, for 429, 5xx and network failures. */
  maxRetries: number;
  /** The first wait when the provider names none; doubled each time. */
  baseMs: number;
  /** The longest wait a run sits through; a longer `Retry-After` ends the run instead. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 3,
  baseMs: 2_000,
  maxWaitMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type FetchOutcome =
  | { ok: true; page: FetchedPage; retries: number }
  | {
      ok: false;
      outcome: Exclude<ConnectorRunOutcome, 'running' | 'succeeded'>;
      message: string;
      /** When the provider asked to be called again (a rate limit longer than a run waits). */
      retryAt?: Date;
    };

/**
 * One page, with the retries docs/CONNECTORS.md §Retries describes: 429 and 5xx (and no answer at
 * all) wait `Retry-After` or an exponential backoff, a bounded number of times; 401/403 stop at
 * once for an admin; anything else fails the run. Never throws for what the provider did.
 */
export async function fetchPageWithRetries<S>(
  source: ConnectorSource<S>,
  context: SourceContext<S>,
  cursor: string | null,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<FetchOutcome> {
  const info = CONNECTOR_KIND_INFO[source.kind];
  for (let attempt = 0; ; attempt++) {
    let wait: number;
    let reason: string;
    try {
      return { ok: true, page: await source.fetchPage(context, cursor), retries: attempt };
    } catch (e) {
      if (e instanceof SourceHttpError) {
        const kind = classifyStatus(e.status);
        if (kind === 'auth')
          return {
            ok: false,
            outcome: 'needs_attention',
            message: authRefusalMessage(source.provider, e.status, info.secretLabel),
          };
        if (kind !== 'retry') return { ok: false, outcome: 'failed', message: e.message };
        wait =
          retryAfterMs(e.retryAfter, new Date()) ??
          backoffMs(attempt + 1, policy.baseMs, policy.maxWaitMs);
        reason = e.message;
      } else if (e instanceof NetworkError) {
        wait = backoffMs(attempt + 1, policy.baseMs, policy.maxWaitMs);
        reason = `${source.provider} could not be reached (${e.message}).`;
      } else if (e instanceof SourceError || e instanceof UserFacingError) {
        return { ok: false, outcome: 'failed', message: e.message };
      } else throw e;
    }
    if (attempt >= policy.maxRetries || wait > policy.maxWaitMs)
      return {
        ok: false,
        outcome: 'failed',
        message: `${reason} Gave up after ${attempt + 1} ${attempt === 0 ? 'try' : 'tries'}; the next run tries again.`,
        retryAt: new Date(Date.now() + wait),
      };
    await policy.sleep(wait);
  }
}
