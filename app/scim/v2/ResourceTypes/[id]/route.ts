import { observed } from '@/server/api/observed-route';
import { serveDiscovery } from '@/server/api/scim-route';
import { resourceTypes } from '@/server/domain/scim/discovery';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handleGET(
  request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await context.params;
  return serveDiscovery(request, (base) => resourceTypes(base).find((t) => t.id === id) ?? null);
}

export const GET = observed('/scim/v2/ResourceTypes/[id]', handleGET);
