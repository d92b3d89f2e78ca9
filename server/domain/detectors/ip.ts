/** IPv4 / IPv6 address and CIDR matching for office egress ranges (no dependency needed). */

function parseV4(ip: string): bigint | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(ip: string): bigint | null {
  const zoneless = ip.split('%')[0]!;
  let text = zoneless;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = parseV4(v4[1]!);
    if (n === null) return null;
    text =
      text.slice(0, -v4[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

interface ParsedIp {
  v: 4 | 6;
  n: bigint;
}

export function parseIp(ip: string): ParsedIp | null {
  const t = ip.trim();
  if (t.includes(':')) {
    const n = parseV6(t);
    return n === null ? null : { v: 6, n };
  }
  const n = parseV4(t);
  return n === null ? null : { v: 4, n };
}

/** Compiles office IPs and CIDRs into one predicate; malformed entries are ignored. */
export function compileIpMatcher(
  ips: readonly string[],
  cidrs: readonly string[],
): (ip: string) => boolean {
  const exact = new Set<string>();
  for (const ip of ips) {
    const p = parseIp(ip);
    if (p) exact.add(`${p.v}:${p.n}`);
  }
  const ranges: { v: 4 | 6; base: bigint; mask: bigint }[] = [];
  for (const c of cidrs) {
    const [addr, len] = c.split('/');
    const p = addr ? parseIp(addr) : null;
    const bits = p?.v === 4 ? 32 : 128;
    const prefix = len === undefined ? bits : Number(len);
    if (!p || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) continue;
    const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
    ranges.push({ v: p.v, base: p.n & mask, mask });
  }
  // No office networks configured (the common case): nothing to parse per event.
  if (exact.size === 0 && ranges.length === 0) return () => false;
  const memo = new Map<string, boolean>();
  return (ip: string) => {
    const hit = memo.get(ip);
    if (hit !== undefined) return hit;
    const p = parseIp(ip);
    const result =
      p !== null &&
      (exact.has(`${p.v}:${p.n}`) || ranges.some((r) => r.v === p.v && (p.n & r.mask) === r.base));
    if (memo.size < 100_000) memo.set(ip, result);
    return result;
  };
}
