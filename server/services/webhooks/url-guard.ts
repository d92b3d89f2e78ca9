import { lookup } from 'node:dns/promises';
import {
  addressRefusal,
  classifyAddress,
  literalAddress,
  urlPolicyRefusal,
} from '@/server/domain/webhooks/ssrf';
import { getEnv } from '@/server/env';
import { UserFacingError } from '@/server/services/shared/errors';

/** A URL and the one address Vigil will connect to for it. */
export interface PinnedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export function privateTargetsAllowed(): boolean {
  return getEnv().VIGIL_WEBHOOK_ALLOW_PRIVATE === '1';
}

/**
 * Resolves the host once and refuses when any address it resolves to is forbidden
 * (docs/INTEGRATIONS.md §Webhooks, SSRF policy): a name with one public and one private address
 * could otherwise be steered to the private one. The caller connects to the returned address
 * only, so a second lookup (DNS rebinding) cannot change the target.
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
  const literal = literalAddress(url.hostname);
  if (literal) return { url, address: literal, family: literal.includes(':') ? 6 : 4 };
  let addresses: { address: string; family: number }[];
  try {
    addresses = await lookup(url.hostname, { all: true, verbatim: true });
  } catch {
    throw new UserFacingError('BAD_REQUEST', `The host ${url.hostname} does not resolve.`);
  }
  if (addresses.length === 0)
    throw new UserFacingError('BAD_REQUEST', `The host ${url.hostname} does not resolve.`);
  if (!allowPrivate)
    for (const a of addresses) {
      const reason = classifyAddress(a.address);
      if (reason)
        throw new UserFacingError('BAD_REQUEST', addressRefusal(url.hostname, a.address, reason));
    }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
