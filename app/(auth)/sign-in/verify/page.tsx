import { redirect } from 'next/navigation';
import { AuthPage } from '@/components/auth/auth-page';
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
    <AuthPage
      title="Verify it’s you"
      lead={
        <>
          Signing in as <strong>{account.email}</strong>.{' '}
          {account.totp === 'enrolled'
            ? 'Enter the code from your authenticator app.'
            : 'Use your passkey.'}
        </>
      }
    >
      <TrpcProviders>
        <SecondFactorForm
          totp={account.totp === 'enrolled'}
          passkey={account.passkeys.length > 0}
        />
      </TrpcProviders>
      <div className="auth-footer">
        <SignOutButton />
      </div>
    </AuthPage>
  );
}
