import Link from 'next/link';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { ATTESTATION_RUNNERS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Attestation templates' };

export default async function TemplatesPage() {
  const caller = await serverCaller();
  const [role, templates] = await Promise.all([
    pageRole(),
    guarded(() => caller.attestations.templates()),
  ]);
  if (!templates.ok) return <Refusal message={templates.message} />;
  const canEdit = can(role, ATTESTATION_RUNNERS);
  return (
    <>
      <PageHeader
        title="Attestation templates"
        description={
          <>
            What people read and answer. Editing makes a new version; campaigns keep the version
            they were launched with. <Link href="/attestations">Campaigns</Link>
          </>
        }
        actions={
          canEdit && (
            <Link className="btn btn-primary" href="/attestations/templates/new">
              New template
            </Link>
          )
        }
      />
      <section className="card">
        <div className="table-wrap">
          <table data-testid="templates">
            <thead>
              <tr>
                <th>Template</th>
                <th>Questions</th>
                <th>Version</th>
                <th>Campaigns</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {templates.data.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link className="strong" href={`/attestations/templates/${t.id}`}>
                      {t.title}
                    </Link>
                    {t.key && <div className="muted small">Shipped with Vigil</div>}
                  </td>
                  <td>{t.questions}</td>
                  <td>v{t.version}</td>
                  <td>{t.campaigns}</td>
                  <td className="small">{formatDateTime(t.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
