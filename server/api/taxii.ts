import { checkApiKeyRequest } from '@/server/api/api-key-gate';
import { taxiiObjectsQuerySchema } from '@/server/domain/indicators/inputs';
import {
  API_ROOT,
  STIX_MEDIA_TYPE,
  TAXII_MEDIA_TYPE,
  acceptsTaxii,
  dateAddedHeaders,
  isTaxiiContentType,
  manifestRecord,
  pageObjects,
  sharedCollectionId,
} from '@/server/domain/indicators/taxii';
import { getEnv } from '@/server/env';
import { readTaxiiCollection } from '@/server/services/indicators/taxii-queries';

// The TAXII 2.1 server (docs/IMPOSTORS.md §TAXII 2.1 server): discovery, one API root, the
// organization's shared collection, read-only, behind an API key with the `taxii` scope.

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': TAXII_MEDIA_TYPE, 'Cache-Control': 'no-store', ...headers },
  });

/** A TAXII error message (title, description, http_status as a string). */
export const taxiiError = (
  status: number,
  title: string,
  description: string,
  headers: Record<string, string> = {},
) => json({ title, description, http_status: String(status) }, status, headers);

type Route =
  | { kind: 'discovery' }
  | { kind: 'root' }
  | { kind: 'collections' }
  | { kind: 'collection'; id: string }
  | { kind: 'objects'; id: string }
  | { kind: 'object'; id: string; objectId: string }
  | { kind: 'manifest'; id: string };

function routeOf(path: string[]): Route | null {
  if (path.length === 0) return { kind: 'discovery' };
  if (path[0] !== API_ROOT) return null;
  const [, c, id, sub, objectId, extra] = path;
  if (c === undefined) return { kind: 'root' };
  if (c !== 'collections') return null;
  if (id === undefined) return { kind: 'collections' };
  if (sub === undefined) return { kind: 'collection', id };
  if (sub === 'manifest' && objectId === undefined) return { kind: 'manifest', id };
  if (sub !== 'objects' || extra !== undefined) return null;
  return objectId === undefined ? { kind: 'objects', id } : { kind: 'object', id, objectId };
}

/** The server's public base: NEXTAUTH_URL when set (behind a proxy), else the request's origin. */
const baseUrl = (request: Request) =>
  (getEnv().NEXTAUTH_URL ?? new URL(request.url).origin).replace(/\/$/, '');

async function gate(request: Request) {
  const gate = await checkApiKeyRequest(request, 'taxii', 'taxii');
  if (gate.ok) return gate;
  const headers: Record<string, string> = {};
  gate.response.headers.forEach((v, k) => {
    if (k !== 'content-type') headers[k] = v;
  });
  const body = (await gate.response.json()) as { error?: { message?: string } };
  return {
    ok: false as const,
    response: taxiiError(
      gate.response.status,
      gate.response.status === 401 ? 'Unauthorized' : 'Refused',
      body.error?.message ?? '',
      headers,
    ),
  };
}

export async function taxiiGet(request: Request, path: string[]): Promise<Response> {
  const route = routeOf(path);
  if (!route) return taxiiError(404, 'Not found', 'No such TAXII resource on this server.');
  const g = await gate(request);
  if (!g.ok) return g.response;
  const rate = g.rateHeaders;
  if (!acceptsTaxii(request.headers.get('accept')))
    return taxiiError(
      406,
      'Not acceptable',
      `Send Accept: ${TAXII_MEDIA_TYPE}; this server speaks TAXII 2.1 only.`,
      rate,
    );
  const base = baseUrl(request);
  const orgId = g.principal.orgId;
  const collectionId = sharedCollectionId(orgId);
  if (route.kind === 'discovery')
    return json(
      {
        title: 'Vigil TAXII 2.1',
        description: "This organization's shared impostor indicators.",
        default: `${base}/taxii2/${API_ROOT}/`,
        api_roots: [`${base}/taxii2/${API_ROOT}/`],
      },
      200,
      rate,
    );
  if (route.kind === 'root')
    return json(
      {
        title: 'Vigil',
        description: 'Impostor indicators shared by this organization.',
        versions: [TAXII_MEDIA_TYPE],
        max_content_length: 0,
      },
      200,
      rate,
    );
  const collection = {
    id: collectionId,
    title: 'Shared impostor indicators',
    description:
      'Watchlist entries and confirmed impostors of this organization, as STIX 2.1 indicators.',
    can_read: true,
    can_write: false,
    media_types: [STIX_MEDIA_TYPE],
  };
  if (route.kind === 'collections') return json({ collections: [collection] }, 200, rate);
  if (route.id !== collectionId)
    return taxiiError(404, 'Not found', 'No such collection under this API root.', rate);
  if (route.kind === 'collection') return json(collection, 200, rate);

  const params = new URL(request.url).searchParams;
  const query = taxiiObjectsQuerySchema.safeParse({
    added_after: params.get('added_after') ?? undefined,
    limit: params.get('limit') ?? undefined,
    next: params.get('next') ?? undefined,
  });
  if (!query.success)
    return taxiiError(
      400,
      'Bad request',
      `${query.error.issues[0]?.path.join('.') ?? 'query'}: ${query.error.issues[0]?.message ?? 'invalid'}`,
      rate,
    );
  const list = (name: string) =>
    params
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const { objects } = await readTaxiiCollection(orgId);
  const page = pageObjects(objects, query.data, {
    ids: route.kind === 'object' ? [route.objectId] : list('match[id]'),
    types: list('match[type]'),
  });
  if (!page) return taxiiError(400, 'Bad request', 'next: not a token this server wrote.', rate);
  if (route.kind === 'object' && page.objects.length === 0 && !query.data.next)
    return taxiiError(404, 'Not found', 'No such object in this collection.', rate);
  const headers = { ...rate, ...dateAddedHeaders(page.objects) };
  const envelope = { more: page.more, ...(page.next ? { next: page.next } : {}) };
  if (route.kind === 'manifest')
    return json(
      {
        ...envelope,
        ...(page.objects.length ? { objects: page.objects.map(manifestRecord) } : {}),
      },
      200,
      headers,
    );
  return json(
    { ...envelope, ...(page.objects.length ? { objects: page.objects.map((o) => o.object) } : {}) },
    200,
    headers,
  );
}

/** The collection is read-only: a POST with the right Content-Type is refused 403, else 415. */
export async function taxiiPost(request: Request, path: string[]): Promise<Response> {
  const route = routeOf(path);
  if (!route || route.kind !== 'objects')
    return taxiiError(405, 'Method not allowed', 'Only a collection’s objects take a POST.', {
      Allow: 'GET',
    });
  const g = await gate(request);
  if (!g.ok) return g.response;
  if (!isTaxiiContentType(request.headers.get('content-type')))
    return taxiiError(
      415,
      'Unsupported media type',
      `Send Content-Type: ${TAXII_MEDIA_TYPE}.`,
      g.rateHeaders,
    );
  return taxiiError(
    403,
    'Forbidden',
    'This collection is read-only (can_write is false).',
    g.rateHeaders,
  );
}
