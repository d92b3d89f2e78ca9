import NextAuth from 'next-auth';
import { observed } from '@/server/api/observed-route';
import { authOptions } from '@/server/auth/options';

export const runtime = 'nodejs';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: RouteContext) {
  return NextAuth(req as never, context as never, authOptions());
}

const observedHandler = observed('/api/auth/[...nextauth]', handler);

export { observedHandler as GET, observedHandler as POST };
