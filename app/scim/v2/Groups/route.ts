import { observed } from '@/server/api/observed-route';
import {
  excludesMembers,
  listParams,
  readScimBody,
  scimJson,
  serveScim,
} from '@/server/api/scim-route';
import { groupFromResource } from '@/server/domain/scim/group';
import { createScimGroup } from '@/server/services/scim/group-commands';
import { GROUP_FILTER_ATTRIBUTES, listScimGroups } from '@/server/services/scim/group-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function handleGET(request: Request): Promise<Response> {
  return serveScim(request, 'groups.list', async (actor) => {
    const { filter, page } = listParams(request, GROUP_FILTER_ATTRIBUTES);
    return scimJson(await listScimGroups(actor, filter, page, !excludesMembers(request)), 200);
  });
}

function handlePOST(request: Request): Promise<Response> {
  return serveScim(request, 'groups.create', async (actor) => {
    const group = await createScimGroup(actor, groupFromResource(await readScimBody(request)));
    return scimJson(group, 201, { Location: group.meta.location, ETag: group.meta.version });
  });
}

export const GET = observed('/scim/v2/Groups', handleGET);
export const POST = observed('/scim/v2/Groups', handlePOST);
