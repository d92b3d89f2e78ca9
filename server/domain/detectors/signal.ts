import type { DetectorEvent, PersonContext, Severity, Signal, SignalKind } from './types';
import { SEVERITIES } from './types';

export const byTime = (a: DetectorEvent, b: DetectorEvent) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Events in time order (then id, so ties are deterministic); already-sorted input costs O(n). */
export function sortByTime(events: readonly DetectorEvent[]): DetectorEvent[] {
  for (let i = 1; i < events.length; i++)
    if (byTime(events[i - 1]!, events[i]!) > 0) return [...events].sort(byTime);
  return [...events];
}

export function raise(s: Severity, steps = 1): Severity {
  return SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(s) + steps)]!;
}

const numberFormats = new Map<number, Intl.NumberFormat>();
/** 412 → "412", 12345.6 → "12,346"; formatters are cached (creating one costs ~50 µs). */
export function fmt(n: number, digits = 0): string {
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numberFormats.set(digits, f);
  }
  return f.format(n);
}
export const pct = (share: number) => `${fmt(share * 100, share < 0.1 ? 1 : 0)}%`;
export const isoMinute = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')}Z`;

export interface SignalDraft {
  kind: SignalKind;
  person: Pick<PersonContext, 'id'>;
  severity: Severity;
  /** Non-empty: the events that triggered the signal. */
  evidence: readonly DetectorEvent[];
  /** What identifies this finding besides kind and person (a day, an event id pair, …). */
  keyParts: readonly string[];
  explanation: string;
  stats: Signal['stats'];
  maxEvidence: number;
}

/** Builds a Signal: window from the evidence, bounded sorted evidence ids, a stable dedupe key. */
export function makeSignal(d: SignalDraft): Signal {
  let start = Infinity;
  let end = -Infinity;
  for (const e of d.evidence) {
    const t = e.occurredAt.getTime();
    if (t < start) start = t;
    if (t > end) end = t;
  }
  // Chronological (then by id), so the first evidence shown is the first thing that happened.
  const ids = [...new Set(sortByTime(d.evidence).map((e) => e.id))];
  return {
    kind: d.kind,
    personId: d.person.id,
    severity: d.severity,
    windowStart: new Date(start),
    windowEnd: new Date(end),
    dedupeKey: [d.kind, d.person.id, ...d.keyParts].join(':'),
    explanation: d.explanation,
    evidenceEventIds: ids.slice(0, d.maxEvidence),
    stats: { ...d.stats, evidenceEvents: ids.length },
  };
}

/** Groups values by a key, preserving first-seen order within each group. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const g = m.get(k);
    if (g) g.push(it);
    else m.set(k, [it]);
  }
  return m;
}
