import Link from 'next/link';
import { ClassificationBadge, SensitivityBadge } from '@/components/systems/labels';
import { ToxicPairForm } from '@/components/systems/toxic-pair-form';
import { ToxicPairsTable } from '@/components/systems/toxic-pairs-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Systems' };

export default async function SystemsPage() {
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  const canEdit = can(role, INVENTORY_EDITORS);
  const result = await guarded(async () => {
    const [systems, pairs, privileges] = await Promise.all([
      caller.systems.list(),
      caller.systems.toxicPairs(),
      canEdit ? caller.systems.privilegeOptions() : Promise.resolve([]),
    ]);
    return { systems, pairs, privileges };
  });
  if (!result.ok) return <Refusal message={result.message} />;
  const { systems, pairs, privileges } = result.data;
  return (
    <>
      <PageHeader
        title="Systems"
        description="Where privileged access lives: each system's owner, criticality and privileges."
        actions={
          <>
            <ExportLink list="systems" filters={{}} />
            {canEdit && (
              <Link className="btn btn-primary" href="/systems/new">
                New system
              </Link>
            )}
          </>
        }
      />
      <div className="card">
        {systems.length === 0 ? (
          <EmptyState title="No systems yet">
            {canEdit
              ? 'Add the systems that hold privileged access, with their privileges.'
              : 'Nobody has added a system to the inventory yet.'}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Criticality</th>
                  <th>Classification</th>
                  <th>Owner</th>
                  <th className="text-right">Privileges</th>
                  <th>Highest sensitivity</th>
                </tr>
              </thead>
              <tbody>
                {systems.map((s) => (
                  <tr key={s.id} data-testid={`system-row-${s.name}`}>
                    <td>
                      <Link className="strong" href={`/systems/${s.id}`}>
                        {s.name}
                      </Link>
                    </td>
                    <td>
                      <SensitivityBadge value={s.criticality} />
                    </td>
                    <td>
                      <ClassificationBadge value={s.dataClassification} />
                    </td>
                    <td className="small">{s.ownerEmail ?? <span className="muted">None</span>}</td>
                    <td className="text-right">{s.privilegeCount}</td>
                    <td>
                      <SensitivityBadge value={s.highestSensitivity} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <section className="card stack" aria-labelledby="toxic-heading">
        <div>
          <h2 id="toxic-heading">Toxic privilege pairs</h2>
          <p className="muted small flush mt-4">
            Combinations nobody may hold together, even across systems.
          </p>
        </div>
        {pairs.length === 0 ? (
          <EmptyState title="No toxic pairs defined" />
        ) : (
          <ToxicPairsTable pairs={pairs} canEdit={canEdit} />
        )}
        {canEdit && (
          <div className="stack rule-top">
            <h3>Add a toxic pair</h3>
            <ToxicPairForm privileges={privileges} />
          </div>
        )}
      </section>
    </>
  );
}
