import { redirect } from 'next/navigation';
import { AuthPage } from '@/components/auth/auth-page';
import { SignInForm } from '@/components/auth/sign-in-form';
import { signInMessage } from '@/server/domain/auth/sso';
import { getEnv, oidcEnabled, samlEnabled } from '@/server/env';
import { sessionClaims } from '@/server/trpc/context';
import { serverCaller } from '@/server/trpc/server-caller';
import { accountSecurityOrNull, signInStepPath } from '@/server/trpc/session-view';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await sessionClaims()) {
    // Signed in, or half-way (password done, second factor to come): continue there. An ended
    // session shows the form, and signing in again replaces its cookie.
    const account = await accountSecurityOrNull(await serverCaller());
    if (account) redirect(signInStepPath(account.mfaState));
  }
  const params = await searchParams;
  const code = typeof params.error === 'string' ? params.error : undefined;
  const notice = signInMessage(code);
  const env = getEnv();
  return (
    <AuthPage title="Sign in" lead="Vendor and insider-risk management">
      <SignInForm
        initialError={notice}
        oidc={oidcEnabled(env) ? { name: env.OIDC_NAME } : null}
        saml={samlEnabled(env) ? { name: env.SAML_NAME } : null}
      />
    </AuthPage>
  );
}
