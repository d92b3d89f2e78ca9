import { createHash } from 'node:crypto';
import { hashedValue, isHashedValue, isShareableKind } from './identifiers';
import { buildPattern, type PatternIdentifier } from './patterns';
import { stixId } from './stix-ids';

// The organization's shared collection as STIX 2.1 objects (docs/IMPOSTORS.md §Exported bundles):
// one producer `identity`, then one `indicator` per impostor profile whose pattern ORs its
// identifiers. Ids, timestamps and the order are derived from the data, so exporting an unchanged
// watchlist twice writes the same bytes.

/** An impostor profile to share: a watchlist entry, or a staff record confirmed as an impostor. */
export interface SharedProfile {
  /** `entry:<uuid>` or `person:<uuid>`: what the indicator's id is derived from. */
  key: string;
  name: string;
  aliases: string[];
  source: string;
  identifiers: { kind: string; value: string }[];
  created: Date;
  modified: Date;
}

export interface SharedCollectionInput {
  orgId: string;
  orgName: string;
  orgCreated: Date;
  hashed: boolean;
  profiles: SharedProfile[];
}

export type StixObject = Record<string, unknown> & { type: string; id: string };

/** A STIX object with the time it joined the collection (TAXII's `date_added`). */
export interface CollectionObject {
  object: StixObject;
  dateAdded: Date;
}

/** In hashed sharing the producer is not named: the bundle must not say who shared it. */
export const HASHED_PRODUCER_NAME = 'Vigil community member';

const ts = (d: Date) => d.toISOString();

function shareableIdentifiers(p: SharedProfile, hashed: boolean): PatternIdentifier[] {
  return p.identifiers
    .filter((i) => isShareableKind(i.kind))
    .map((i) => ({
      kind: i.kind as PatternIdentifier['kind'],
      value: hashed && !isHashedValue(i.value) ? hashedValue(i.value) : i.value,
    }));
}

/**
 * The collection's objects, oldest first. Profiles without a shareable identifier are left out
 * (a STIX indicator needs a pattern, and a name alone is not one).
 */
export function buildSharedObjects(input: SharedCollectionInput): {
  objects: CollectionObject[];
  skipped: number;
} {
  const mode = input.hashed ? 'hashed' : 'clear';
  const producerId = stixId('identity', `${input.orgId}|producer|${mode}`);
  const producer: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: producerId,
    created: ts(input.orgCreated),
    modified: ts(input.orgCreated),
    name: input.hashed ? HASHED_PRODUCER_NAME : input.orgName,
    identity_class: 'organization',
  };
  const objects: CollectionObject[] = [{ object: producer, dateAdded: input.orgCreated }];
  let skipped = 0;
  const ordered = [...input.profiles].sort(
    (a, b) => a.modified.getTime() - b.modified.getTime() || a.key.localeCompare(b.key),
  );
  for (const p of ordered) {
    const identifiers = shareableIdentifiers(p, input.hashed);
    if (!identifiers.length) {
      skipped += 1;
      continue;
    }
    const id = stixId('indicator', `${input.orgId}|${p.key}|${mode}`);
    const modified = p.modified < p.created ? p.created : p.modified;
    const indicator: StixObject = {
      type: 'indicator',
      spec_version: '2.1',
      id,
      created_by_ref: producerId,
      created: ts(p.created),
      modified: ts(modified),
      // Hashed sharing names no one: the label is derived from the id.
      name: input.hashed ? `Impostor profile ${id.slice('indicator--'.length, 19)}` : p.name,
      indicator_types: ['attribution'],
      pattern: buildPattern(identifiers),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: ts(p.created),
      labels: ['impostor'],
      ...(input.hashed
        ? {}
        : {
            x_vigil_source: p.source,
            ...(p.aliases.length ? { x_vigil_aliases: [...p.aliases].sort() } : {}),
          }),
    };
    objects.push({ object: indicator, dateAdded: modified });
  }
  return { objects, skipped };
}

/** A bundle of the objects; its id is derived from their ids and versions. */
export function bundleOf(objects: StixObject[]): StixObject {
  const digest = createHash('sha256')
    .update(objects.map((o) => `${o.id}@${String(o.modified ?? '')}`).join('\n'))
    .digest('hex');
  return { type: 'bundle', id: stixId('bundle', digest), objects };
}
