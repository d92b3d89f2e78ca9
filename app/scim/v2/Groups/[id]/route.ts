import { observed } from '@/server/api/observed-route';
import { excludesMembers, readScimBody, scimJson, serveScim } from '@/server/api/scim-route';
import { groupFromResource } from '@/server/domain/scim/group';
import { parsePatchBody } from '@/server/domain/scim/patch';
import {
  deleteScimGroup,
  patchScimGroup,
  replaceScimGroup,
} from '@/server/services/scim/group-commands';
import { getScimGroup } from '@/server/services/scim/group-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

function handleGET(request: Request, context: Context): Promise<Response> {
  return serveScim(request, 'groups.get', async (actor) =>
    scimJson(await getScimGroup(actor, (await context.params).id, !excludesMembers(request)), 200),
  );
}

function handlePUT(request: Request, context: Context): Promise<Response> {
  return serveScim(request, 'groups.replace', async (actor) => {
    const state = groupFromResource(await readScimBody(request));
    return scimJson(await replaceScimGroup(actor, (await context.params).id, state), 200);
  });
}

/** PATCH answers 204 as Okta and Entra ID expect of member changes (RFC 7644 §3.5.2 allows it). */
function handlePATCH(request: Request, context: Context): Promise<Response> {
  return serveScim(request, 'groups.patch', async (actor) => {
    const ops = parsePatchBody(await readScimBody(request));
    await patchScimGroup(actor, (await context.params).id, ops);
    return scimJson(null, 204);
  });
}

function handleDELETE(request: Request, context: Context): Promise<Response> {
  return serveScim(request, 'groups.delete', async (actor) => {
    await deleteScimGroup(actor, (await context.params).id);
    return scimJson(null, 204);
  });
}

export const GET = observed('/scim/v2/Groups/[id]', handleGET);
export const PUT = observed('/scim/v2/Groups/[id]', handlePUT);
export const PATCH = observed('/scim/v2/Groups/[id]', handlePATCH);
export const DELETE = observed('/scim/v2/Groups/[id]', handleDELETE);
