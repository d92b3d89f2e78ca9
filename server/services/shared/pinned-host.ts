import { lookup } from 'node:dns/promises';
import { addressRefusal, classifyAddress, literalAddress } from '@/server/domain/webhooks/ssrf';
import { getEnv } from '@/server/env';
import { UserFacingError } from './errors';

/** The one address Vigil will connect to for a host a tenant configured. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Whether tenant-configured targets (webhooks, chat webhooks, SIEM destinations) may reach
 * loopback, private and metadata addresses: only for a single-tenant install or tests
 * (docs/INTEGRATIONS.md §Webhooks, SSRF policy).
 */
export function privateTargetsAllowed(): boolean {
  return getEnv().VIGIL_WEBHOOK_ALLOW_PRIVATE === '1';
}

/**
 * Resolves the host once (`what` names the traffic in the refusal) and refuses when any address it resolves to is forbidden: a name with
 * one public and one private address could otherwise be steered to the private one. The caller
 * connects to the returned address only, so a second lookup (DNS rebinding) cannot change the
 * target.
 */
export async function resolvePinnedHost(
  hostname: string,
  what: string,
  allowPrivate = privateTargetsAllowed(),
): Promise<PinnedAddress> {
  const literal = literalAddress(hostname);
  if (literal) {
    const reason = allowPrivate ? null : classifyAddress(literal);
    if (reason)
      throw new UserFacingError('BAD_REQUEST', addressRefusal(hostname, literal, reason, what));
    return { address: literal, family: literal.includes(':') ? 6 : 4 };
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await lookup(hostname, { all: true, verbatim: true });
  } catch {
    throw new UserFacingError('BAD_REQUEST', `The host ${hostname} does not resolve.`);
  }
  if (addresses.length === 0)
    throw new UserFacingError('BAD_REQUEST', `The host ${hostname} does not resolve.`);
  if (!allowPrivate)
    for (const a of addresses) {
      const reason = classifyAddress(a.address);
      if (reason)
        throw new UserFacingError('BAD_REQUEST', addressRefusal(hostname, a.address, reason, what));
    }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
