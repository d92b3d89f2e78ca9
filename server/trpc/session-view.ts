import 'server-only';
import { TRPCError } from '@trpc/server';
import type { SessionView } from '@/server/services/auth/sessions';
import type { createCaller } from './root';

export async function resolveSessionOrNull(
  caller: ReturnType<typeof createCaller>,
): Promise<SessionView | null> {
  try {
    return await caller.session.me();
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') return null;
    throw error;
  }
}
