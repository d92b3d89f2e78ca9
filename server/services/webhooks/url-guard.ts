import { urlPolicyRefusal } from '@/server/domain/webhooks/ssrf';
import { UserFacingError } from '@/server/services/shared/errors';
import { privateTargetsAllowed, resolvePinnedHost } from '@/server/services/shared/pinned-host';

/** A URL and the one address Vigil will connect to for it. */
export interface PinnedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * The URL's own policy (docs/INTEGRATIONS.md §Webhooks, SSRF policy), then its host resolved
 * once and pinned (`resolvePinnedHost`).
 */
export async function resolveWebhookTarget(
  raw: string,
  allowPrivate = privateTargetsAllowed(),
): Promise<PinnedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserFacingError('BAD_REQUEST', 'Enter a full URL starting with https://');
  }
  const refusal = urlPolicyRefusal(url, allowPrivate);
  if (refusal) throw new UserFacingError('BAD_REQUEST', refusal);
  const pinned = await resolvePinnedHost(url.hostname, 'webhooks', allowPrivate);
  return { url, ...pinned };
}
