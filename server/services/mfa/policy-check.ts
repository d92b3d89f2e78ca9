import type { Tx } from '@/db/client';
import { policyRequiresMfa } from '@/server/domain/mfa/policy';
import { UserFacingError } from '@/server/services/shared/errors';
import { hasSecondFactor, policiesOf } from './session-state';

/** Removing the last factor is refused while an organization of the user requires one. */
export async function refuseRemovingLastRequiredFactor(tx: Tx, userId: string): Promise<void> {
  if (await hasSecondFactor(tx, userId)) return;
  const required = (await policiesOf(tx, userId)).some((m) => policyRequiresMfa(m.policy, m.role));
  if (required)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      'Your organization requires a second factor: add another one before removing this one.',
    );
}
