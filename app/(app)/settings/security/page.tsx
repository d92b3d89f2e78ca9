import { SecuritySettings } from '@/components/mfa/security-settings';
import { PageHeader } from '@/components/ui/page-header';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Security' };

/** The signed-in user's own second factors (docs/GUIDE.md §Signing in). */
export default async function SecuritySettingsPage() {
  const security = await (await serverCaller()).account.security();
  return (
    <>
      <PageHeader
        title="Security"
        description={
          <>
            Second factors for <strong>{security.email}</strong>, asked after your password at every
            sign-in.
            {security.required && ' Your organization requires at least one.'}
          </>
        }
      />
      <SecuritySettings security={security} mode="settings" />
    </>
  );
}
