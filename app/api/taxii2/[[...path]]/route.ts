import { taxiiGet, taxiiPost } from '@/server/api/taxii';

// TAXII 2.1 (docs/IMPOSTORS.md §TAXII 2.1 server). `/taxii2/…` is rewritten here (next.config.ts).
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ path?: string[] }> };

export async function GET(request: Request, { params }: Context) {
  return taxiiGet(request, (await params).path ?? []);
}

export async function POST(request: Request, { params }: Context) {
  return taxiiPost(request, (await params).path ?? []);
}
