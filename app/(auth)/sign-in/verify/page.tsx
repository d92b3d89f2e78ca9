import { redirect } from 'next/navigation';
import { SecondFactorForm } from '@/components/mfa/second-factor-form';
import { TrpcProviders } from '@/components/providers/trpc-provider';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { serverCaller } from '@/server/trpc/server-caller';
import { accountSecurityOrNull, signInStepPath } from '@/server/trpc/session-view';

export const metadata = { title: 'Verify it’s you' };
export const dynamic = 'force-dynamic';

/** The second sign-in step (docs/SECURITY.md §Authentication). */
export default async function VerifyPage() {
  const account = await accountSecurityOrNull(await serverCaller());
  if (!account) redirect('/sign-in?error=SessionExpired');
  if (account.mfaState !== 'second_factor') redirect(signInStepPath(account.mfaState));
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            V
          </span>
          Vigil
        </div>
        <h1 className="auth-title mb-4">Verify it’s you</h1>
        <p className="muted small mt-0">
          Signing in as <strong>{account.email}</strong>.{' '}
          {account.totp === 'enrolled'
            ? 'Enter the code from your authenticator app.'
            : 'Use your passkey.'}
        </p>
        <TrpcProviders>
          <SecondFactorForm
            totp={account.totp === 'enrolled'}
            passkey={account.passkeys.length > 0}
          />
        </TrpcProviders>
        <div className="auth-footer">
          <SignOutButton />
        </div>
      </div>
    </div>
  );
}
