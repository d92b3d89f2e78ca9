import { EMPTY_SYSTEM, SystemForm } from '@/components/systems/system-form';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'New system' };

export default async function NewSystemPage() {
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  if (!can(role, INVENTORY_EDITORS))
    return <Refusal message="Only admins and compliance officers add systems to the inventory." />;
  const owners = await guarded(() => caller.systems.ownerOptions());
  if (!owners.ok) return <Refusal message={owners.message} />;
  return (
    <>
      <PageHeader
        title="New system"
        description="A system people hold privileged access in, and the privileges it grants."
      />
      <SystemForm initial={EMPTY_SYSTEM} owners={owners.data} />
    </>
  );
}
