import { redirect } from 'next/navigation';
import { SecuritySettings } from '@/components/mfa/security-settings';
import { TrpcProviders } from '@/components/providers/trpc-provider';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { serverCaller } from '@/server/trpc/server-caller';
import { accountSecurityOrNull, signInStepPath } from '@/server/trpc/session-view';

export const metadata = { title: 'Set up a second factor' };
export const dynamic = 'force-dynamic';

/** Required enrolment right after sign-in: nothing else opens until a factor is added. */
export default async function EnrolPage() {
  const account = await accountSecurityOrNull(await serverCaller());
  if (!account) redirect('/sign-in?error=SessionExpired');
  if (account.mfaState !== 'enrolment') redirect(signInStepPath(account.mfaState));
  return (
    <div className="auth-wrap">
      <div className="auth-wide stack">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            V
          </span>
          Vigil
        </div>
        <div>
          <h1 className="auth-title mb-4">Set up a second factor</h1>
          <p className="muted small mt-0">
            Your organization requires a second factor for <strong>{account.email}</strong>. Add an
            authenticator app or a passkey to continue.
          </p>
        </div>
        <TrpcProviders>
          <SecuritySettings security={account} mode="enrolment" />
        </TrpcProviders>
        <div>
          <SignOutButton />
        </div>
      </div>
    </div>
  );
}
