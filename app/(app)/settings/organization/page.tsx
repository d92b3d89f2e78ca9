import { MfaPolicyForm } from '@/components/organization/mfa-policy-form';
import { OrganizationSettingsForm } from '@/components/organization/organization-settings-form';
import { SsoPolicyPanel } from '@/components/organization/sso-policy-panel';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { TENANT_ADMIN } from '@/server/domain/tenancy/roles';
import { started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Organization settings' };

export default async function OrganizationSettingsPage() {
  const caller = await serverCaller();
  // Admin-only: started with the others, awaited only when the page shows it.
  const ssoPolicy = started(caller.sso.policy());
  const [role, org, mfaPolicy] = await Promise.all([
    pageRole(),
    caller.organization.get(),
    caller.organization.mfaPolicy(),
  ]);
  const canEdit = can(role, TENANT_ADMIN);
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
      <div className="stack">
        <MfaPolicyForm policy={mfaPolicy} readOnly={!canEdit} />
        <OrganizationSettingsForm name={org.name} settings={org.settings} readOnly={!canEdit} />
        {canEdit && <SsoPolicyPanel policy={await ssoPolicy} />}
      </div>
    </>
  );
}
