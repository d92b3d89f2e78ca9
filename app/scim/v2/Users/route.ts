import { observed } from '@/server/api/observed-route';
import { listParams, readScimBody, scimJson, serveScim } from '@/server/api/scim-route';
import { userFromResource } from '@/server/domain/scim/user';
import { createScimUser } from '@/server/services/scim/user-commands';
import { listScimUsers, USER_FILTER_ATTRIBUTES } from '@/server/services/scim/user-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /scim/v2/Users`: `filter=userName eq "…"`, startIndex and count (docs/SCIM.md). */
function handleGET(request: Request): Promise<Response> {
  return serveScim(request, 'users.list', async (actor) => {
    const { filter, page } = listParams(request, USER_FILTER_ATTRIBUTES);
    return scimJson(await listScimUsers(actor, filter, page), 200);
  });
}

/** `POST /scim/v2/Users`: the joiner (docs/SCIM.md §Joiner). */
function handlePOST(request: Request): Promise<Response> {
  return serveScim(request, 'users.create', async (actor) => {
    const user = await createScimUser(actor, userFromResource(await readScimBody(request)));
    return scimJson(user, 201, { Location: user.meta.location, ETag: user.meta.version });
  });
}

export const GET = observed('/scim/v2/Users', handleGET);
export const POST = observed('/scim/v2/Users', handlePOST);
