import { PersonForm } from '@/components/people/person-form';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import type { IdentifierKind } from '@/server/domain/inventory/identifiers';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Edit person' };

export default async function EditPersonPage({
  params,
}: {
  params: Promise<{ personId: string }>;
}) {
  const { personId } = await params;
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  if (!can(role, INVENTORY_EDITORS))
    return <Refusal message="Only admins and compliance officers edit people in the inventory." />;
  const result = await guarded(async () => {
    const [person, vendors, managers] = await Promise.all([
      caller.people.get({ personId }),
      caller.vendors.options(),
      caller.people.options(),
    ]);
    return { person, vendors, managers };
  });
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Person not found' : undefined}
        message={result.message}
      />
    );
  const { person, vendors, managers } = result.data;
  return (
    <>
      <PageHeader title={`Edit ${person.fullName}`} description={person.email} />
      <PersonForm
        personId={person.id}
        initial={{
          email: person.email,
          fullName: person.fullName,
          type: person.type,
          vendorId: person.vendorId,
          department: person.department,
          title: person.title,
          managerId: person.managerId,
          location: person.location,
          country: person.country,
          timezone: person.timezone,
          workMode: person.workMode,
          startDate: person.startDate,
          endDate: person.endDate,
          identityVerifiedAt: person.identityVerifiedAt,
          backgroundCheckStatus: person.backgroundCheckStatus,
          backgroundCheckAt: person.backgroundCheckAt,
          // The email is always recorded as an identifier; the form edits it as the email field.
          identifiers: person.identifiers
            .filter((i) => !(i.kind === 'email' && i.value === person.email))
            .map((i) => ({ kind: i.kind as IdentifierKind, value: i.raw })),
        }}
        vendors={vendors}
        managers={managers.filter((m) => m.id !== person.id)}
        timezones={Intl.supportedValuesOf('timeZone')}
      />
    </>
  );
}
