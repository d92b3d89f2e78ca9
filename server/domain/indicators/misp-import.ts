import { normalizeIdentifier, type IdentifierKind } from '../inventory/identifiers';
import { clampName, isRecord, mergeEntries, type IncomingEntry, type ParsedFeed } from './feed';

/** MISP attribute types that carry a person identifier (docs/IMPOSTORS.md §MISP events). */
const MISP_KINDS: Record<string, IdentifierKind> = {
  email: 'email',
  'email-src': 'email',
  'email-dst': 'email',
  'email-reply-to': 'email',
  'target-email': 'email',
  'whois-registrant-email': 'email',
  'phone-number': 'phone',
  'whois-registrant-phone': 'phone',
  'github-username': 'github',
  btc: 'wallet',
  xmr: 'wallet',
  dash: 'wallet',
  iban: 'bank_account',
  'bank-account-nr': 'bank_account',
};
const NAME_RELATIONS = new Set(['full-name', 'name']);

type MispAttribute = Record<string, unknown>;

const attributesOf = (v: unknown): MispAttribute[] =>
  Array.isArray(v) ? v.filter(isRecord).filter((a) => a.deleted !== true) : [];

/** The events of a MISP JSON export: `{Event}`, `{response: [{Event}]}` or `[{Event}]`. */
function eventsOf(data: unknown): Record<string, unknown>[] | null {
  const list = Array.isArray(data)
    ? data
    : isRecord(data) && Array.isArray(data.response)
      ? data.response
      : [data];
  const events = list.map((e) => (isRecord(e) && isRecord(e.Event) ? e.Event : null));
  return events.every((e) => e !== null) && events.length > 0
    ? (events as Record<string, unknown>[])
    : null;
}

export const looksLikeMisp = (data: unknown) =>
  isRecord(data)
    ? 'Event' in data || 'response' in data
    : Array.isArray(data) && isRecord(data[0]) && 'Event' in data[0];

/**
 * Reads MISP events into watchlist entries: each MISP object holding identifiers is one entry
 * (named by its full-name, or first-name and last-name), and the event's loose attributes are one
 * more, named by the event's info. Attribute types not listed above are ignored.
 */
export function parseMispEvents(data: unknown, source?: string): ParsedFeed {
  const feed: ParsedFeed = { format: 'misp', entries: [], ignored: 0, rejected: [] };
  const events = eventsOf(data);
  if (!events) {
    feed.rejected.push({ id: '(event)', reason: 'not a MISP event ({"Event": {…}})' });
    return feed;
  }
  const entries: IncomingEntry[] = [];
  for (const event of events) {
    const eventId = typeof event.uuid === 'string' ? event.uuid : '(event)';
    const info = typeof event.info === 'string' && event.info.trim() ? event.info : 'MISP event';
    const org =
      isRecord(event.Orgc) && typeof event.Orgc.name === 'string' ? event.Orgc.name : null;
    const read = (attrs: MispAttribute[]) => {
      const identifiers: { kind: string; value: string }[] = [];
      const parts: Record<string, string> = {};
      for (const a of attrs) {
        const id = typeof a.uuid === 'string' ? a.uuid : eventId;
        const relation = typeof a.object_relation === 'string' ? a.object_relation : '';
        if (typeof a.type !== 'string' || typeof a.value !== 'string') {
          feed.rejected.push({ id, reason: 'an attribute needs a string type and value' });
          continue;
        }
        if (NAME_RELATIONS.has(relation) || relation === 'first-name' || relation === 'last-name') {
          parts[relation] = a.value.trim();
          continue;
        }
        const kind = MISP_KINDS[a.type];
        if (!kind) {
          feed.ignored += 1;
          continue;
        }
        const normalized = normalizeIdentifier(kind, a.value);
        if (normalized.ok) identifiers.push({ kind, value: normalized.value });
        else feed.rejected.push({ id, reason: `${a.type}: ${normalized.error}` });
      }
      const name =
        parts['full-name'] ??
        parts.name ??
        ([parts['first-name'], parts['last-name']].filter(Boolean).join(' ') || null);
      return { identifiers, name };
    };
    const loose = read(attributesOf(event.Attribute));
    if (loose.identifiers.length)
      entries.push({
        ref: eventId,
        source: clampName(source ?? org ?? 'MISP event'),
        name: clampName(loose.name ?? info),
        aliases: [],
        identifiers: loose.identifiers,
      });
    for (const o of Array.isArray(event.Object) ? event.Object.filter(isRecord) : []) {
      const ref = typeof o.uuid === 'string' ? o.uuid : eventId;
      const got = read(attributesOf(o.Attribute));
      if (!got.identifiers.length) continue;
      entries.push({
        ref,
        source: clampName(source ?? org ?? 'MISP event'),
        name: clampName(got.name ?? `${info} (${String(o.name ?? 'object')} ${ref.slice(0, 8)})`),
        aliases: [],
        identifiers: got.identifiers,
      });
    }
  }
  feed.entries = mergeEntries(entries);
  return feed;
}
