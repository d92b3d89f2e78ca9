import { observed } from '@/server/api/observed-route';
import { readScimBody, scimJson, serveScim } from '@/server/api/scim-route';
import { parsePatchBody } from '@/server/domain/scim/patch';
import { userFromResource } from '@/server/domain/scim/user';
import {
  deleteScimUser,
  patchScimUser,
  replaceScimUser,
} from '@/server/services/scim/user-commands';
import { getScimUser } from '@/server/services/scim/user-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

const answer = (user: { meta: { version: string } }) =>
  scimJson(user, 200, { ETag: user.meta.version });

function handleGET(request: Request, context: Context): Promise<Response> {
  return serveScim(request, 'users.get', async (actor) =>
    answer(await getScimUser(actor, (await context.params).id)),
  );
}

/** `PUT`: the mover, replacing every attribute Vigil keeps (docs/SCIM.md §Mover). */
function handlePUT(request: Request, context: Context): Promise<Response> {
  return serveScim(request, 'users.replace', async (actor) => {
    const state = userFromResource(await readScimBody(request));
    return answer(await replaceScimUser(actor, (await context.params).id, state));
  });
}

/** `PATCH`: mover and leaver (`active: false`), with Okta's and Entra ID's quirks (docs/SCIM.md). */
function handlePATCH(request: Request, context: Context): Promise<Response> {
  return serveScim(request, 'users.patch', async (actor) => {
    const ops = parsePatchBody(await readScimBody(request));
    return answer(await patchScimUser(actor, (await context.params).id, ops));
  });
}

/** `DELETE`: the leaver; the person stays in Vigil, ended (docs/SCIM.md §Leaver). */
function handleDELETE(request: Request, context: Context): Promise<Response> {
  return serveScim(request, 'users.delete', async (actor) => {
    await deleteScimUser(actor, (await context.params).id);
    return scimJson(null, 204);
  });
}

export const GET = observed('/scim/v2/Users/[id]', handleGET);
export const PUT = observed('/scim/v2/Users/[id]', handlePUT);
export const PATCH = observed('/scim/v2/Users/[id]', handlePATCH);
export const DELETE = observed('/scim/v2/Users/[id]', handleDELETE);
