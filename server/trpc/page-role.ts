import 'server-only';
import { cache } from 'react';
import type { Role } from '@/server/domain/tenancy/roles';
import { serverCaller } from './server-caller';

/**
 * The member's role in the active organization, for a page deciding what to show. The layout has
 * already resolved the session for this render, so this reads nothing more. The server still
 * checks the role on every call: pages only decide what to offer.
 */
export const pageRole = cache(async (): Promise<Role | undefined> => {
  const me = await (await serverCaller()).session.me();
  return me.active?.role;
});

/** Whether `role` is one of `allowed`; no role (no active membership) may do nothing. */
export function can(role: Role | undefined, allowed: readonly Role[]): boolean {
  return role !== undefined && allowed.includes(role);
}

/**
 * For a page only some roles may open: true when the member's role is allowed. Pages answer
 * false with their own refusal message.
 */
export async function requireRole(allowed: readonly Role[]): Promise<boolean> {
  return can(await pageRole(), allowed);
}
