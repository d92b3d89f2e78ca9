import { EMPTY_PERSON, PersonForm } from '@/components/people/person-form';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'New person' };

export default async function NewPersonPage() {
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  if (!can(role, INVENTORY_EDITORS))
    return <Refusal message="Only admins and compliance officers add people to the inventory." />;
  const result = await guarded(async () => {
    const [vendors, managers] = await Promise.all([
      caller.vendors.options(),
      caller.people.options(),
    ]);
    return { vendors, managers };
  });
  if (!result.ok) return <Refusal message={result.message} />;
  return (
    <>
      <PageHeader
        title="New person"
        description="Someone who holds or may request privileged access: an employee, contractor, vendor staff member or candidate."
      />
      <PersonForm
        initial={EMPTY_PERSON}
        vendors={result.data.vendors}
        managers={result.data.managers}
        timezones={Intl.supportedValuesOf('timeZone')}
      />
    </>
  );
}
