import { RetentionForm } from '@/components/privacy/retention-form';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { PRIVACY_ADMINS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Privacy' };

export default async function PrivacySettingsPage() {
  const caller = await serverCaller();
  const [role, result] = await Promise.all([pageRole(), guarded(() => caller.retention.get())]);
  if (!result.ok) return <Refusal message={result.message} />;
  const canEdit = can(role, PRIVACY_ADMINS);
  return (
    <>
      <PageHeader
        title="Privacy"
        description={
          <>
            How long monitoring data is kept, and how a person’s data is erased (an admin action on
            the person’s page).{canEdit ? '' : ' Read-only for your role.'}
          </>
        }
      />
      <RetentionForm settings={result.data.settings} readOnly={!canEdit} />
    </>
  );
}
