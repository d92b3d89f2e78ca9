import { OrganizationSettingsForm } from '@/components/organization/organization-settings-form';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Organization settings' };

export default async function OrganizationSettingsPage() {
  const caller = await serverCaller();
  const [me, org] = await Promise.all([caller.session.me(), caller.organization.get()]);
  const canEdit = me.active?.role === 'admin';
  return (
    <>
      <PageHeader
        title="Organization"
        description={
          <>
            <code>{org.slug}</code> · created {formatDate(org.createdAt)}
            {canEdit ? '' : ' · read-only for your role'}
          </>
        }
      />
      <OrganizationSettingsForm name={org.name} settings={org.settings} readOnly={!canEdit} />
    </>
  );
}
