import type { DataClassification } from '@/components/systems/labels';
import { SystemForm } from '@/components/systems/system-form';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Edit system' };

export default async function EditSystemPage({
  params,
}: {
  params: Promise<{ systemId: string }>;
}) {
  const { systemId } = await params;
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  if (!can(role, INVENTORY_EDITORS))
    return <Refusal message="Only admins and compliance officers edit systems." />;
  const result = await guarded(async () => {
    const [system, owners] = await Promise.all([
      caller.systems.get({ systemId }),
      caller.systems.ownerOptions(),
    ]);
    return { system, owners };
  });
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'System not found' : undefined}
        message={result.message}
      />
    );
  const { system, owners } = result.data;
  return (
    <>
      <PageHeader title={`Edit ${system.name}`} />
      <SystemForm
        systemId={system.id}
        initial={{
          name: system.name,
          ownerUserId: system.ownerUserId,
          criticality: system.criticality,
          dataClassification: system.dataClassification as DataClassification,
          aliases: system.aliases,
          privileges: system.privileges
            .filter((p) => !p.retired)
            .map((p) => ({ name: p.name, sensitivity: p.sensitivity })),
        }}
        owners={owners}
      />
    </>
  );
}
