import { redirect } from 'next/navigation';
import { AuthPage } from '@/components/auth/auth-page';
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
    <AuthPage
      wide
      title="Set up a second factor"
      lead={
        <>
          Your organization requires a second factor for <strong>{account.email}</strong>. Add an
          authenticator app or a passkey to continue.
        </>
      }
    >
      <TrpcProviders>
        <SecuritySettings security={account} mode="enrolment" />
      </TrpcProviders>
      <div>
        <SignOutButton />
      </div>
    </AuthPage>
  );
}
