import 'server-only';
import { TRPCError } from '@trpc/server';

export type Guarded<T> =
  { ok: true; data: T } | { ok: false; code: 'FORBIDDEN' | 'NOT_FOUND'; message: string };

/** Pages show refusals as a message rather than an error screen; anything else propagates. */
export async function guarded<T>(read: () => Promise<T>): Promise<Guarded<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
      return { ok: false, code: error.code, message: error.message };
    }
    throw error;
  }
}
