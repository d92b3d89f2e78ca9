import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import type { Role } from '@/server/domain/tenancy/roles';
import { resolveSession } from '@/server/services/auth/sessions';
import type { OrgActor } from '@/server/services/shared/actor';
import { sessionClaims } from '@/server/trpc/context';

/**
 * The signed-in member behind a browser route handler (uploads, downloads), checked like a tRPC
 * procedure: session from the database, role in the active organization among `roles`.
 */
export async function sessionActor(
  req: Request,
  roles: readonly Role[],
  refusal: string,
): Promise<{ ok: true; actor: OrgActor } | { ok: false; status: 401 | 403; message: string }> {
  const claims = await sessionClaims();
  const view = claims ? await resolveSession(claims) : null;
  if (!view) return { ok: false, status: 401, message: 'Sign in to continue.' };
  if (!view.active || !roles.includes(view.active.role))
    return { ok: false, status: 403, message: refusal };
  return {
    ok: true,
    actor: {
      orgId: view.active.orgId,
      userId: view.user.id,
      email: view.user.email,
      role: view.active.role,
      ...requestMetaFromHeaders(req.headers),
    },
  };
}

/** Reads a request body as chunks, for services that take an async iterable. */
export async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}
