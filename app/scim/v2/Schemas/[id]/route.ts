import { serveDiscovery } from '@/server/api/scim-route';
import { schemas } from '@/server/domain/scim/discovery';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await context.params;
  return serveDiscovery(request, (base) => schemas(base).find((s) => s.id === id) ?? null);
}
