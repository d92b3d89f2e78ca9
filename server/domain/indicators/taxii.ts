import type { CollectionObject, StixObject } from './bundle';
import type { TaxiiObjectsQuery } from './inputs';
import { uuidV5 } from './stix-ids';

// TAXII 2.1 rules the server follows (docs/IMPOSTORS.md §TAXII 2.1 server): media types,
// `added_after` / `limit` / `next` paging over the collection's objects in date-added order.

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
export const API_ROOT = 'vigil';

/** The shared collection's id: one per organization, derived from it so it never changes. */
export const sharedCollectionId = (orgId: string) => uuidV5(`${orgId}|taxii|shared-collection`);

interface MediaType {
  type: string;
  params: Record<string, string>;
}

function parseMediaType(text: string): MediaType {
  const [type = '', ...params] = text.split(';').map((p) => p.trim());
  return {
    type: type.toLowerCase(),
    params: Object.fromEntries(
      params
        .map((p) => p.split('=').map((s) => s.trim().replace(/^"|"$/g, '')))
        .filter((kv) => kv.length === 2)
        .map(([k, v]) => [k!.toLowerCase(), v!]),
    ),
  };
}

const isTaxii21 = (m: MediaType) =>
  m.type === 'application/taxii+json' &&
  (m.params.version === undefined || m.params.version === '2.1');

/**
 * Whether an Accept header allows the TAXII 2.1 media type: `application/taxii+json` with version
 * 2.1 or none (the server's latest, which is 2.1). Anything else is a 406.
 */
export function acceptsTaxii(accept: string | null): boolean {
  if (!accept) return false;
  return accept
    .split(',')
    .map(parseMediaType)
    .some((m) => isTaxii21(m) && m.params.q !== '0');
}

/** Whether a request body's Content-Type is the TAXII 2.1 media type (else 415). */
export const isTaxiiContentType = (contentType: string | null) =>
  contentType !== null && isTaxii21(parseMediaType(contentType));

/** The `next` token: base64url of the last object's date-added milliseconds and id. */
export function encodeNext(o: CollectionObject): string {
  return Buffer.from(`${o.dateAdded.getTime()}|${o.object.id}`, 'utf8').toString('base64url');
}

export function decodeNext(token: string): { at: number; id: string } | null {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\|([a-z0-9-]+--[0-9a-f-]{36})$/.exec(text);
  return match ? { at: Number(match[1]), id: match[2]! } : null;
}

export interface TaxiiPage {
  objects: CollectionObject[];
  more: boolean;
  next?: string;
}

const order = (a: CollectionObject, b: CollectionObject) =>
  a.dateAdded.getTime() - b.dateAdded.getTime() || a.object.id.localeCompare(b.object.id);

/**
 * One page of the collection: objects added strictly after `added_after`, in date-added order,
 * starting after the `next` token's object, at most `limit`. Null when the token is not one this
 * server wrote.
 */
export function pageObjects(
  all: readonly CollectionObject[],
  query: TaxiiObjectsQuery,
  filter: { ids?: string[]; types?: string[] } = {},
): TaxiiPage | null {
  const after = query.added_after ? new Date(query.added_after).getTime() : null;
  const cursor = query.next ? decodeNext(query.next) : null;
  if (query.next && !cursor) return null;
  const rows = [...all]
    .sort(order)
    .filter((o) => after === null || o.dateAdded.getTime() > after)
    .filter((o) => !filter.ids?.length || filter.ids.includes(o.object.id))
    .filter((o) => !filter.types?.length || filter.types.includes(o.object.type))
    .filter(
      (o) =>
        !cursor ||
        o.dateAdded.getTime() > cursor.at ||
        (o.dateAdded.getTime() === cursor.at && o.object.id > cursor.id),
    );
  const objects = rows.slice(0, query.limit);
  const more = rows.length > objects.length;
  return more
    ? { objects, more, next: encodeNext(objects[objects.length - 1]!) }
    : { objects, more };
}

/** `X-TAXII-Date-Added-First` / `-Last` of a page (absent when it is empty). */
export function dateAddedHeaders(objects: readonly CollectionObject[]): Record<string, string> {
  if (!objects.length) return {};
  return {
    'X-TAXII-Date-Added-First': objects[0]!.dateAdded.toISOString(),
    'X-TAXII-Date-Added-Last': objects[objects.length - 1]!.dateAdded.toISOString(),
  };
}

/** A manifest record: the object's id, when it was added, its version and media type. */
export const manifestRecord = (o: CollectionObject) => ({
  id: o.object.id,
  date_added: o.dateAdded.toISOString(),
  version: String((o.object as StixObject).modified ?? o.dateAdded.toISOString()),
  media_type: STIX_MEDIA_TYPE,
});
