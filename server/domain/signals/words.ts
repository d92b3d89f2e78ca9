// Words and numbers people read, for the signal page (docs/PRODUCT.md §Signals and triage): no
// stat keys, no raw ratios, dates as weekday and day.

const numberFormats = new Map<number, Intl.NumberFormat>();

/** 412 → "412", 12345.6 → "12,346", with `digits` decimals at most. */
export function num(n: number, digits = 0): string {
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits });
    numberFormats.set(digits, f);
  }
  return f.format(n);
}

/** A share 0–1 as a percentage: 0.004 → "0.4%", 0.82 → "82%". */
export function percent(share: number): string {
  const p = share * 100;
  return `${num(p, p !== 0 && Math.abs(p) < 10 ? 1 : 0)}%`;
}

/** "3 events", "1 event". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

// Named here rather than by Intl: ICU versions disagree on "Sep" and "Sept".
export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const isIsoDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** A calendar day `YYYY-MM-DD` → "Tue 17 Sep" (or "Tue 17 Sep 2026"); anything else unchanged. */
export function dayLabel(day: string, withYear = false): string {
  if (!isIsoDay(day)) return day;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  const head = `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return withYear ? `${head} ${d.getUTCFullYear()}` : head;
}

/** An ISO instant → "16 Sep 2026, 18:10 UTC"; anything else unchanged. */
export function instantLabel(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hm = d.toISOString().slice(11, 16);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hm} UTC`;
}

let regions: Intl.DisplayNames | null = null;

/** "NL" → "Netherlands (NL)"; an unknown or empty code is returned as given. */
export function countryLabel(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
  const name = regions.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}

// Acronyms keep their capitals when a key or code is turned into words.
const ACRONYMS: Record<string, string> = {
  mfa: 'MFA',
  ip: 'IP',
  ips: 'IPs',
  mad: 'MAD',
  id: 'ID',
  ids: 'IDs',
  url: 'URL',
  utc: 'UTC',
  p50: 'p50',
  p90: 'p90',
  p99: 'p99',
};

/**
 * `peerGroupSize` → "Peer group size", `watchlist_open` → "Watchlist open", `peersP99` → "Peers
 * p99": the fallback for a stat no presenter names, so a key never reaches the screen as code.
 */
export function words(key: string): string {
  const parts = key
    .replace(/[_\-.]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  if (parts.length === 0) return key;
  const first = parts[0]!;
  parts[0] = ACRONYMS[first.toLowerCase()] ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return parts.join(' ');
}

/** "High", "Critical"; an unknown severity in words. */
export function severityWord(severity: string): string {
  return words(severity);
}
