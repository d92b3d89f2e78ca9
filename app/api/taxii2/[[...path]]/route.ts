import { observed } from '@/server/api/observed-route';
import { taxiiGet, taxiiPost } from '@/server/api/taxii';

// TAXII 2.1 (docs/IMPOSTORS.md §TAXII 2.1 server). `/taxii2/…` is rewritten here (next.config.ts).
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ path?: string[] }> };

async function handleGET(request: Request, { params }: Context) {
  return taxiiGet(request, (await params).path ?? []);
}

async function handlePOST(request: Request, { params }: Context) {
  return taxiiPost(request, (await params).path ?? []);
}

export const GET = observed('/api/taxii2/[[...path]]', handleGET);
export const POST = observed('/api/taxii2/[[...path]]', handlePOST);
