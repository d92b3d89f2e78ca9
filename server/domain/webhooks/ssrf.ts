/**
 * Which addresses a webhook may never reach (docs/INTEGRATIONS.md §Webhooks, SSRF policy): the
 * machine itself, the private networks behind it, link-local and cloud metadata services. Pure:
 * the service resolves a host once and asks here about every address it got.
 */
export type ForbiddenReason =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'metadata'
  | 'unique-local'
  | 'multicast'
  | 'reserved'
  | 'invalid';

const REASON_TEXT: Record<ForbiddenReason, string> = {
  unspecified: 'an unspecified address (0.0.0.0/8, ::)',
  loopback: 'a loopback address (this machine)',
  private: 'a private network address (RFC 1918)',
  shared: 'a carrier-grade NAT address (100.64.0.0/10)',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata service address',
  'unique-local': 'a unique-local IPv6 address (fc00::/7)',
  multicast: 'a multicast or broadcast address',
  reserved: 'a reserved address',
  invalid: 'not an IP address',
};

export function describeForbidden(reason: ForbiddenReason): string {
  return REASON_TEXT[reason];
}

function ipv4Octets(ip: string): number[] | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : null;
}

function classifyIpv4(o: number[]): ForbiddenReason | null {
  const [a, b, c, d] = o as [number, number, number, number];
  if (a === 169 && b === 254 && c === 169 && d === 254) return 'metadata';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  if (a === 169 && b === 254) return 'link-local';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return a === 255 && b === 255 && c === 255 && d === 255 ? 'multicast' : 'reserved';
  // 192.0.0.0/24: IETF protocol assignments (includes NAT64 discovery and DS-Lite).
  if (a === 192 && b === 0 && c === 0) return 'reserved';
  return null;
}

/** An IPv6 address as eight 16-bit groups, or null when it does not parse. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // A trailing dotted IPv4 (::ffff:10.0.0.1) is two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const o = ipv4Octets(tail);
    if (!o) return null;
    text = `${text.slice(0, lastColon + 1)}${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const values = groups.map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
  return values.length === 8 && values.every((v) => !Number.isNaN(v)) ? values : null;
}

function classifyIpv6(g: number[]): ForbiddenReason | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroUpTo = (n: number) => g.slice(0, n).every((v) => v === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d): judge the IPv4.
  if (zeroUpTo(5) && (g5 === 0xffff || g5 === 0)) {
    const v4 = classifyIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
    return v4 ?? (g5 === 0 ? 'reserved' : null);
  }
  // NAT64 (64:ff9b::/96) reaches IPv4 through a translator: judge the embedded address.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return classifyIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  // AWS's IPv6 instance metadata service.
  if (g0 === 0xfd00 && g1 === 0xec2 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0)
    if (g7 === 0x254) return 'metadata';
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  // fec0::/10, deprecated site-local: private by intent.
  if ((g0 & 0xffc0) === 0xfec0) return 'private';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** Why an address is forbidden as a webhook target, or null when it may be reached. */
export function classifyAddress(ip: string): ForbiddenReason | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (bare.includes(':')) {
    const g = ipv6Groups(bare);
    return g ? classifyIpv6(g) : 'invalid';
  }
  const o = ipv4Octets(bare);
  return o ? classifyIpv4(o) : 'invalid';
}

/** The host as an address when the URL names one (`[::1]` → `::1`), else null. */
export function literalAddress(hostname: string): string | null {
  const bare =
    hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return classifyAddress(bare) === 'invalid' ? null : bare;
}

/**
 * What the URL itself allows, before any lookup: http(s) only, plain http only where private
 * targets are allowed (a local test receiver), no credentials, and no forbidden address literal.
 * Returns the refusal to show, or null.
 */
export function urlPolicyRefusal(url: URL, allowPrivate: boolean): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Webhook URLs must use https://.';
  if (url.protocol === 'http:' && !allowPrivate)
    return 'Webhook URLs must use https:// (plain http is allowed only with VIGIL_WEBHOOK_ALLOW_PRIVATE=1).';
  if (url.username || url.password)
    return 'Put no credentials in the URL: receivers authenticate Vigil by its signature.';
  const literal = literalAddress(url.hostname);
  if (literal && !allowPrivate) {
    const reason = classifyAddress(literal);
    if (reason) return addressRefusal(url.hostname, literal, reason);
  }
  return null;
}

export function addressRefusal(
  host: string,
  address: string,
  reason: ForbiddenReason,
  what = 'webhooks',
): string {
  const via =
    host === address || host === `[${address}]` ? '' : ` (${host} resolves to ${address})`;
  const use = what === 'webhooks' ? 'a public https:// address' : 'a public address';
  return `Vigil does not send ${what} to ${describeForbidden(reason)}${via}. Use ${use}.`;
}
