import { serveDiscovery } from '@/server/api/scim-route';
import { resourceTypes } from '@/server/domain/scim/discovery';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await context.params;
  return serveDiscovery(request, (base) => resourceTypes(base).find((t) => t.id === id) ?? null);
}
