import { countryLabel, dayLabel, instantLabel, num, percent, words } from './words';

export interface Fact {
  label: string;
  value: string;
}

/** A signal's stored stats (jsonb): numbers and strings from the detectors, anything from older rows. */
export type Stats = Record<string, unknown>;

// Labels for stats several kinds share; any other key is turned into words (`words`).
const LABELS: Record<string, string> = {
  evidenceEvents: 'Events in the evidence',
  events: 'Events',
  day: 'Day (their time zone)',
  records: 'Records',
  sensitiveEvents: 'Events touching sensitive records',
  sensitiveRecords: 'Sensitive records touched',
  ticketId: 'Ticket',
  ticket: 'Ticket',
  system: 'System',
  country: 'Country',
  people: 'People',
  similarity: 'Similarity',
  timezone: 'Time zone',
  ownMedian: 'Their usual day (median)',
  ownMad: 'Their usual spread (median absolute deviation)',
  peersP99: 'Peers’ busiest 1% of days (p99)',
  peersP90: 'Peers’ 90th percentile',
  peerGroupSize: 'Peer group',
  robustZ: 'How unusual for them (robust z-score)',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHARE_KEY = /(rate|share|fit|similarity|ratio|p\d\d)$/i;

/** A stat's value as text, or null when it says nothing a reader can use (ids, blanks, objects). */
export function factValue(key: string, value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (SHARE_KEY.test(key) && !/records|events|count/i.test(key) && value >= 0 && value <= 1)
      return percent(value);
    return num(value, Number.isInteger(value) ? 0 : 1);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    const items = value.map((v) => factValue(key, v)).filter((v): v is string => v !== null);
    return items.length ? items.join(', ') : null;
  }
  if (typeof value !== 'string') return null;
  const v = value.trim();
  // Ids are for links, not for reading; the page links what it can.
  if (v === '' || UUID.test(v)) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return dayLabel(v, true);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return instantLabel(v);
  if (/country/i.test(key) && /^[A-Z]{2}$/.test(v)) return countryLabel(v);
  return v.includes(',') && !v.includes(' ') ? v.split(',').join(', ') : v;
}

/** Every stat under a readable label, for kinds no presenter reads (docs/PRODUCT.md §Signals and triage). */
export function genericFacts(stats: Stats): Fact[] {
  const out: Fact[] = [];
  const entries = Object.entries(stats).filter(([k]) => k !== 'evidenceEvents');
  if ('evidenceEvents' in stats) entries.push(['evidenceEvents', stats.evidenceEvents]);
  for (const [key, raw] of entries) {
    const value = factValue(key, raw);
    if (value !== null) out.push({ label: LABELS[key] ?? words(key), value });
  }
  return out;
}
