// What an incoming indicator file becomes before it touches the watchlist
// (docs/IMPOSTORS.md §Importing indicators).

export interface IncomingEntry {
  /** The STIX object id or MISP uuid the entry came from (for the report). */
  ref: string;
  source: string;
  name: string;
  aliases: string[];
  identifiers: { kind: string; value: string }[];
}

export interface Rejection {
  /** The object's id, or `(bundle)` / `(event)` / `objects[3]` when it has none. */
  id: string;
  reason: string;
}

export interface ParsedFeed {
  format: 'stix' | 'misp';
  entries: IncomingEntry[];
  /** Objects understood but not screened on (reports, malware, IP indicators, …). */
  ignored: number;
  rejected: Rejection[];
}

/** Largest file accepted (bytes of UTF-8): a bigger feed is split by its producer. */
export const INDICATOR_FILE_MAX_BYTES = 5 * 1024 * 1024;

export const clampName = (name: string) => name.trim().slice(0, 200);

/** Entries that land on one watchlist key (source, name) are one profile: identifiers merged. */
export function mergeEntries(entries: IncomingEntry[]): IncomingEntry[] {
  const byKey = new Map<string, IncomingEntry>();
  for (const e of entries) {
    const key = `${e.source.toLowerCase()}|${e.name.toLowerCase()}`;
    const current = byKey.get(key);
    if (!current) {
      byKey.set(key, { ...e, aliases: [...e.aliases], identifiers: [...e.identifiers] });
      continue;
    }
    for (const a of e.aliases) if (!current.aliases.includes(a)) current.aliases.push(a);
    for (const i of e.identifiers)
      if (!current.identifiers.some((c) => c.kind === i.kind && c.value === i.value))
        current.identifiers.push(i);
  }
  return [...byKey.values()];
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
