import {
  confirmTotpSchema,
  passkeySignInSchema,
  registerPasskeySchema,
  removePasskeySchema,
  secondFactorCodeSchema,
} from '@/server/domain/mfa/inputs';
import { SESSION_MFA_STATES } from '@/server/domain/mfa/policy';
import {
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
} from '@/server/services/mfa/passkeys';
import { regenerateRecoveryCodes } from '@/server/services/mfa/recovery-codes';
import {
  passkeySignInOptions,
  verifyPasskeySignIn,
  verifySecondFactorCode,
} from '@/server/services/mfa/second-factor';
import { accountSecurity } from '@/server/services/mfa/status';
import { confirmTotp, removeTotp, startTotpEnrolment } from '@/server/services/mfa/totp';
import { accountProcedure, createRouter } from '@/server/trpc/init';

// Adding a factor is open to a complete session and to one that must enrol before anything
// else; removing one, or new recovery codes, only to a complete session.
const ENROLLING = ['complete', 'enrolment'] as const;
const SIGNED_IN = ['complete'] as const;
const SECOND_STEP = ['second_factor'] as const;

/** The signed-in user's own second factors (docs/SECURITY.md §Authentication). */
export const accountRouter = createRouter({
  security: accountProcedure(SESSION_MFA_STATES).query(({ ctx }) => accountSecurity(ctx.account)),
  startTotp: accountProcedure(ENROLLING).mutation(({ ctx }) => startTotpEnrolment(ctx.account)),
  confirmTotp: accountProcedure(ENROLLING)
    .input(confirmTotpSchema)
    .mutation(({ ctx, input }) => confirmTotp(ctx.account, input)),
  removeTotp: accountProcedure(SIGNED_IN).mutation(({ ctx }) => removeTotp(ctx.account)),
  regenerateRecoveryCodes: accountProcedure(SIGNED_IN).mutation(({ ctx }) =>
    regenerateRecoveryCodes(ctx.account),
  ),
  passkeyRegistrationOptions: accountProcedure(ENROLLING).mutation(({ ctx }) =>
    passkeyRegistrationOptions(ctx.account),
  ),
  registerPasskey: accountProcedure(ENROLLING)
    .input(registerPasskeySchema)
    .mutation(({ ctx, input }) => registerPasskey(ctx.account, input)),
  removePasskey: accountProcedure(SIGNED_IN)
    .input(removePasskeySchema)
    .mutation(({ ctx, input }) => removePasskey(ctx.account, input)),
});

/** The second sign-in step, open only to a session waiting for it. */
export const secondFactorRouter = createRouter({
  verifyCode: accountProcedure(SECOND_STEP)
    .input(secondFactorCodeSchema)
    .mutation(({ ctx, input }) => verifySecondFactorCode(ctx.account, input)),
  passkeyOptions: accountProcedure(SECOND_STEP).mutation(({ ctx }) =>
    passkeySignInOptions(ctx.account),
  ),
  verifyPasskey: accountProcedure(SECOND_STEP)
    .input(passkeySignInSchema)
    .mutation(({ ctx, input }) => verifyPasskeySignIn(ctx.account, input)),
});
