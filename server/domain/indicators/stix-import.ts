import { clampName, isRecord, mergeEntries, type IncomingEntry, type ParsedFeed } from './feed';
import { parsePattern, SCO_TYPES } from './patterns';

const UUID =
  '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';

/**
 * Every object type STIX 2.1 defines (the cyber observables are the patterns' own list); a type
 * outside these and not `x-…` is unknown.
 */
const STIX_TYPES = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
  'relationship',
  'sighting',
  ...SCO_TYPES,
  'language-content',
  'marking-definition',
  'extension-definition',
]);

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];

/**
 * Reads a STIX 2.1 bundle into watchlist entries: each live `indicator` with a STIX pattern over
 * person identifiers is one entry, named by the individual `identity` it is related to, else by
 * its own name. `source` (the importer's label) wins over the producer identity's name.
 */
export function parseStixBundle(data: unknown, source?: string): ParsedFeed {
  const feed: ParsedFeed = { format: 'stix', entries: [], ignored: 0, rejected: [] };
  if (!isRecord(data) || data.type !== 'bundle' || !Array.isArray(data.objects)) {
    feed.rejected.push({
      id: '(bundle)',
      reason: 'not a STIX 2.1 bundle (an object with "type": "bundle" and an "objects" array)',
    });
    return feed;
  }
  if (typeof data.id !== 'string' || !new RegExp(`^bundle--${UUID}$`).test(data.id))
    feed.rejected.push({ id: '(bundle)', reason: 'the bundle id must be bundle--<uuid>' });
  const objects: Record<string, unknown>[] = [];
  data.objects.forEach((o, i) => {
    if (!isRecord(o) || typeof o.type !== 'string' || typeof o.id !== 'string') {
      feed.rejected.push({ id: `objects[${i}]`, reason: 'an object needs a string type and id' });
      return;
    }
    if (!STIX_TYPES.has(o.type) && !/^x-[a-z0-9-]{1,248}$/.test(o.type)) {
      feed.rejected.push({ id: o.id, reason: `unknown STIX type "${o.type}"` });
      return;
    }
    if (!new RegExp(`^${o.type}--${UUID}$`).test(o.id)) {
      feed.rejected.push({ id: o.id, reason: `the id must be ${o.type}--<uuid>` });
      return;
    }
    if (o.spec_version !== undefined && o.spec_version !== '2.1') {
      feed.rejected.push({
        id: o.id,
        reason: `spec_version "${String(o.spec_version)}" is not 2.1`,
      });
      return;
    }
    objects.push(o);
  });

  const names = new Map<string, { name: string; individual: boolean }>();
  for (const o of objects)
    if (o.type === 'identity' && typeof o.name === 'string')
      names.set(o.id as string, { name: o.name, individual: o.identity_class === 'individual' });
  // An indicator names its person through a relationship to an individual identity.
  const personOf = new Map<string, string>();
  for (const o of objects) {
    if (o.type !== 'relationship') continue;
    const [from, to] = [String(o.source_ref ?? ''), String(o.target_ref ?? '')];
    for (const [ind, ide] of [
      [from, to],
      [to, from],
    ] as const)
      if (ind.startsWith('indicator--') && names.get(ide)?.individual)
        personOf.set(ind, names.get(ide)!.name);
  }

  const entries: IncomingEntry[] = [];
  for (const o of objects) {
    const id = o.id as string;
    if (o.type !== 'indicator' || o.revoked === true) {
      feed.ignored += 1;
      continue;
    }
    if (typeof o.pattern !== 'string' || !o.pattern.trim()) {
      feed.rejected.push({ id, reason: 'the indicator has no pattern' });
      continue;
    }
    if (o.pattern_type !== 'stix') {
      feed.rejected.push({
        id,
        reason: `pattern_type "${String(o.pattern_type)}" is not supported (only stix)`,
      });
      continue;
    }
    const parsed = parsePattern(o.pattern);
    if (!parsed.ok) {
      feed.rejected.push({ id, reason: parsed.error });
      continue;
    }
    const producer =
      typeof o.created_by_ref === 'string' ? names.get(o.created_by_ref)?.name : undefined;
    const name = clampName(
      personOf.get(id) ??
        (typeof o.name === 'string' && o.name.trim().length >= 2
          ? o.name
          : `Indicator ${id.slice('indicator--'.length, 19)}`),
    );
    entries.push({
      ref: id,
      source: clampName(source ?? producer ?? 'STIX bundle'),
      name,
      aliases: stringList(o.x_vigil_aliases).map(clampName),
      identifiers: parsed.identifiers,
    });
  }
  feed.entries = mergeEntries(entries);
  return feed;
}
