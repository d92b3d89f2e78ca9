import Link from 'next/link';
import { GrantsTable } from '@/components/access/grants-table';
import { ClassificationBadge, SensitivityBadge } from '@/components/systems/labels';
import { ToxicPairsTable } from '@/components/systems/toxic-pairs-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/facts';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { INVENTORY_EDITORS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'System' };

const HOLDERS_SHOWN = 25;

export default async function SystemPage({ params }: { params: Promise<{ systemId: string }> }) {
  const { systemId } = await params;
  const caller = await serverCaller();
  const [role, result, holders] = await Promise.all([
    pageRole(),
    guarded(() => caller.systems.get({ systemId })),
    // Refused for roles that cannot read access (the section is then left out).
    guarded(() => caller.access.list({ systemId, status: 'active', limit: HOLDERS_SHOWN })),
  ]);
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'System not found' : undefined}
        message={result.message}
      />
    );
  const s = result.data;
  const canEdit = can(role, INVENTORY_EDITORS);
  const active = s.privileges.filter((p) => !p.retired);
  const retired = s.privileges.length - active.length;
  return (
    <>
      <PageHeader
        title={s.name}
        description="Owner, classification and the privileges this system grants."
        actions={
          <>
            <Link className="btn" href="/systems">
              All systems
            </Link>
            {canEdit && (
              <Link className="btn btn-primary" href={`/systems/${s.id}/edit`}>
                Edit
              </Link>
            )}
          </>
        }
      />
      <section className="card stack" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <dl className="grid cols-4 flush gap-12">
          <Field label="Criticality">
            <SensitivityBadge value={s.criticality} />
          </Field>
          <Field label="Data classification">
            <ClassificationBadge value={s.dataClassification} />
          </Field>
          <Field label="Owner">{s.ownerEmail ?? <span className="muted">No owner</span>}</Field>
          <Field label="Last changed">{formatDateTime(s.updatedAt)}</Field>
        </dl>
        {s.aliases.length > 0 && (
          <p className="small flush" data-testid="system-aliases">
            <span className="muted">Names in the logs: </span>
            {s.aliases.join(', ')}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="privileges-heading">
        <div className="card-header">
          <h2 id="privileges-heading">Privileges</h2>
          <span className="muted small">
            {active.length} active{retired > 0 && `, ${retired} retired`}
          </span>
        </div>
        {s.privileges.length === 0 ? (
          <EmptyState title="No privileges yet">
            {canEdit ? 'Edit the system to add the privileges it grants.' : null}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="privileges">
              <thead>
                <tr>
                  <th>Privilege</th>
                  <th>Sensitivity</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {s.privileges.map((p) => (
                  <tr
                    key={p.id}
                    data-testid={`privilege-${p.name}`}
                    style={p.retired ? { opacity: 0.6 } : undefined}
                  >
                    <td>
                      <code>{p.name}</code>
                    </td>
                    <td>
                      <SensitivityBadge value={p.sensitivity} />
                    </td>
                    <td>
                      {p.retired ? (
                        <span className="badge">retired</span>
                      ) : (
                        <span className="badge badge-ok">active</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {holders.ok && (
        <section className="card" aria-labelledby="holders-heading" data-testid="system-holders">
          <div className="card-header">
            <h2 id="holders-heading">Who holds access</h2>
            <Link className="small" href={`/access?tab=active&systemId=${s.id}`}>
              {holders.data.nextCursor ? 'See everyone with access' : 'Open in Access'}
            </Link>
          </div>
          {holders.data.items.length === 0 ? (
            <EmptyState title="Nobody holds access to this system" />
          ) : (
            <GrantsTable items={holders.data.items} testId="system-holders-table" />
          )}
        </section>
      )}

      <section className="card" aria-labelledby="toxic-heading">
        <div className="card-header">
          <h2 id="toxic-heading">Toxic pairs</h2>
          {canEdit && (
            <Link className="small" href="/systems#toxic-heading">
              Manage toxic pairs
            </Link>
          )}
        </div>
        {s.toxicPairs.length === 0 ? (
          <EmptyState title="No toxic pairs involve this system" />
        ) : (
          <ToxicPairsTable pairs={s.toxicPairs} canEdit={canEdit} firstSystem={s.name} />
        )}
      </section>
    </>
  );
}
