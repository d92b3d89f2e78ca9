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

export function GET(request: Request): Promise<Response> {
  return serveScim(request, 'groups.list', async (actor) => {
    const { filter, page } = listParams(request, GROUP_FILTER_ATTRIBUTES);
    return scimJson(await listScimGroups(actor, filter, page, !excludesMembers(request)), 200);
  });
}

export function POST(request: Request): Promise<Response> {
  return serveScim(request, 'groups.create', async (actor) => {
    const group = await createScimGroup(actor, groupFromResource(await readScimBody(request)));
    return scimJson(group, 201, { Location: group.meta.location, ETag: group.meta.version });
  });
}
