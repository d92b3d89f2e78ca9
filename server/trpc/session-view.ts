import 'server-only';
import { TRPCError } from '@trpc/server';
import type { AccountSecurity, SessionMfaState } from '@/server/domain/mfa/policy';
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

/**
 * Where a signed-in browser stands in sign-in: `complete`, waiting for its second factor, or
 * required to enrol one; null without a live session. Only the sign-in pages and the signed-in
 * layout's redirect ask this; everything else asks `session.me`.
 */
export async function accountSecurityOrNull(
  caller: ReturnType<typeof createCaller>,
): Promise<AccountSecurity | null> {
  try {
    return await caller.account.security();
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') return null;
    throw error;
  }
}

/** The page a session in this state belongs on. */
export function signInStepPath(state: SessionMfaState): string {
  return state === 'second_factor'
    ? '/sign-in/verify'
    : state === 'enrolment'
      ? '/sign-in/enrol'
      : '/';
}
