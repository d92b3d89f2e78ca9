import * as group from '@/app/scim/v2/Groups/[id]/route';
import * as groups from '@/app/scim/v2/Groups/route';
import * as resourceType from '@/app/scim/v2/ResourceTypes/[id]/route';
import * as resourceTypes from '@/app/scim/v2/ResourceTypes/route';
import * as schema from '@/app/scim/v2/Schemas/[id]/route';
import * as schemas from '@/app/scim/v2/Schemas/route';
import * as config from '@/app/scim/v2/ServiceProviderConfig/route';
import * as user from '@/app/scim/v2/Users/[id]/route';
import * as users from '@/app/scim/v2/Users/route';

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => unknown;
const ROUTES: Record<string, [Record<string, unknown>, Record<string, unknown>?]> = {
  Users: [users, user],
  Groups: [groups, group],
  ResourceTypes: [resourceTypes, resourceType],
  Schemas: [schemas, schema],
  ServiceProviderConfig: [config],
};

export interface ScimAnswer {
  status: number;
  type: string | null;
  headers: Headers;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Calls the /scim/v2 route handlers with real Request objects, as Next.js does: `path` is what
 * follows /scim/v2 (`/Users?filter=…`, `/Users/{id}`).
 */
export async function scimRequest(
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; contentType?: string } = {},
): Promise<ScimAnswer> {
  const url = new URL(`http://vigil.test/scim/v2${path}`);
  const [, resource, id] = url.pathname.replace('/scim/v2', '').split('/');
  const routeModule = id ? ROUTES[resource!]![1]! : ROUTES[resource!]![0];
  const handler = routeModule[method] as Handler | undefined;
  if (!handler) throw new Error(`no ${method} handler for ${path}`);
  const headers = new Headers();
  if (options.key) headers.set('authorization', `Bearer ${options.key}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set('content-type', options.contentType ?? 'application/scim+json');
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = (await handler(new Request(url, { method, headers, body }), {
    params: Promise.resolve({ id: decodeURIComponent(id ?? '') }),
  })) as Response;
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    headers: response.headers,
    body: text ? JSON.parse(text) : {},
  };
}
