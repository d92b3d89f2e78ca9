import type { Role } from '@/server/domain/tenancy/roles';

/** Where a request came from; carried into every audit entry. */
export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
  /** Recorded only where a rule asks (who signed, from where: docs/PRODUCT.md §Signing links). */
  userAgent?: string | null;
}

/** A signed-in member acting in one organization (built by the tRPC context). */
export interface OrgActor extends RequestMeta {
  orgId: string;
  userId: string;
  email: string;
  role: Role;
}

export function tenantOf(actor: OrgActor) {
  return { orgId: actor.orgId, userId: actor.userId };
}
