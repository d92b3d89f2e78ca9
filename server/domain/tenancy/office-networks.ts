import { z } from 'zod';
import { parseIp } from '../detectors/ip';

/** Most office networks an organization may list (docs/PRODUCT.md §Organization settings). */
export const MAX_OFFICE_NETWORKS = 200;
/**
 * The widest ranges accepted: anything wider covers a large share of the internet, and every
 * sign-in from it would be exempt from the office-aware detectors (docs/DETECTORS.md §Office networks).
 */
export const MIN_PREFIX = { 4: 8, 6: 32 } as const;

export type NormalizedNetwork = { ok: true; cidr: string } | { ok: false; message: string };

function formatV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}

/** RFC 5952 text: lower-case, no leading zeros, the longest run of ≥ 2 zero groups as `::`. */
function formatV6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

/**
 * Parses an office address or CIDR range into its canonical text: host bits cleared
 * (`10.1.2.3/24` → `10.1.2.0/24`), a full-length prefix as the bare address, IPv6 compressed.
 * Rejects zone ids and zero-padded IPv4 octets (read as octal by some tools), and ranges wider
 * than MIN_PREFIX.
 */
export function normalizeNetwork(text: string): NormalizedNetwork {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Enter an IP address or CIDR range' };
  const invalid = {
    ok: false as const,
    message: `"${t.slice(0, 60)}" is not an IP address or CIDR range (e.g. 203.0.113.0/24 or 2001:db8::/48)`,
  };
  const [addr = '', len, extra] = t.split('/');
  if (extra !== undefined || addr.includes('%')) return invalid;
  if (!addr.includes(':') && addr.split('.').some((o) => /^0\d/.test(o))) return invalid;
  const ip = parseIp(addr);
  if (!ip || addr !== addr.trim()) return invalid;
  const bits = ip.v === 4 ? 32 : 128;
  let prefix = bits;
  if (len !== undefined) {
    if (!/^\d{1,3}$/.test(len) || Number(len) > bits) return invalid;
    prefix = Number(len);
  }
  if (prefix < MIN_PREFIX[ip.v])
    return {
      ok: false,
      message: `/${prefix} is too wide: IPv${ip.v} office ranges must be /${MIN_PREFIX[ip.v]} or narrower, or detectors would ignore much of the internet`,
    };
  const host = (1n << BigInt(bits - prefix)) - 1n;
  const base = ip.n & (((1n << BigInt(bits)) - 1n) ^ host);
  const text4or6 = ip.v === 4 ? formatV4(base) : formatV6(base);
  return { ok: true, cidr: prefix === bits ? text4or6 : `${text4or6}/${prefix}` };
}

const networkText = z.string().transform((value, ctx) => {
  const r = normalizeNetwork(value);
  if (r.ok) return r.cidr;
  ctx.addIssue({ code: 'custom', message: r.message });
  return z.NEVER;
});

export const officeNetworkSchema = z.object({
  cidr: networkText,
  label: z.string().trim().max(80, 'Label: at most 80 characters').default(''),
});

export type OfficeNetwork = z.output<typeof officeNetworkSchema>;

/** The organization's office egress networks: each listed once, at most MAX_OFFICE_NETWORKS. */
export const officeNetworksSchema = z
  .array(officeNetworkSchema)
  .max(MAX_OFFICE_NETWORKS, `At most ${MAX_OFFICE_NETWORKS} office networks`)
  .superRefine((networks, ctx) => {
    const seen = new Set<string>();
    networks.forEach((n, i) => {
      if (seen.has(n.cidr))
        ctx.addIssue({
          code: 'custom',
          message: `${n.cidr} is listed twice`,
          path: [i, 'cidr'],
        });
      seen.add(n.cidr);
    });
  });

/** The two lists the detectors' office matcher takes (exact addresses, ranges). */
export function officeMatchLists(networks: readonly OfficeNetwork[]): {
  officeIps: string[];
  officeCidrs: string[];
} {
  return {
    officeIps: networks.filter((n) => !n.cidr.includes('/')).map((n) => n.cidr),
    officeCidrs: networks.filter((n) => n.cidr.includes('/')).map((n) => n.cidr),
  };
}
