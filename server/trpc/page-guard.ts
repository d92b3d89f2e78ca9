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

/**
 * A read a page starts before it knows it will show it (pages start every read at once and pass
 * the promises to their panels). If the page refuses instead and never awaits it, its failure is
 * not an unhandled rejection; where it is awaited, it fails as before.
 */
export function started<T>(read: Promise<T>): Promise<T> {
  read.catch(() => {});
  return read;
}
