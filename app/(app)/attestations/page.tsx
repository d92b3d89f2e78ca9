import Link from 'next/link';
import { CompletionBar } from '@/components/attestations/completion-bar';
import { LaunchCampaignForm } from '@/components/attestations/launch-form';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { ATTESTATION_RUNNERS } from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Attestations' };

export default async function AttestationsPage() {
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  const canRun = can(role, ATTESTATION_RUNNERS);
  // Both reads start at once.
  const launchOptions = canRun ? started(caller.attestations.launchOptions()) : null;
  const campaigns = await guarded(() => caller.attestations.campaigns());
  if (!campaigns.ok) return <Refusal message={campaigns.message} />;
  const options = await launchOptions;

  return (
    <>
      <PageHeader
        title="Attestations"
        description="Staff and vendor personnel read and sign policies through a personal, single-use link. Answers that disclose an approach, offer or conflict raise a signal; overdue attestations block new access and add to risk."
        actions={
          <>
            <ExportLink list="attestation-campaigns" filters={{}} />
            <Link className="btn" href="/attestations/templates">
              Templates
            </Link>
          </>
        }
      />
      <section className="card" aria-labelledby="campaigns-heading">
        <div className="card-header">
          <h2 id="campaigns-heading">Campaigns</h2>
        </div>
        {campaigns.data.length === 0 ? (
          <EmptyState title="No campaigns yet">
            {canRun
              ? 'Launch one below: pick a template, an audience and a due date.'
              : 'Compliance officers launch attestation campaigns.'}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="campaigns">
              <thead>
                <tr>
                  <th>Campaign</th>
                  <th>Audience</th>
                  <th>Due</th>
                  <th>Completion</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.data.map((c) => (
                  <tr key={c.id} data-testid={`campaign-${c.name}`}>
                    <td>
                      <Link className="strong" href={`/attestations/${c.id}`}>
                        {c.name}
                      </Link>
                      <div className="muted small">
                        {c.templateTitle} · v{c.templateVersion}
                      </div>
                    </td>
                    <td className="small">{c.audienceLabel}</td>
                    <td className="small">{formatDate(c.dueAt)}</td>
                    <td>
                      <CompletionBar c={c.completion} />
                    </td>
                    <td>
                      <span className="badge">{c.status === 'active' ? 'Active' : 'Closed'}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {options && (
        <section className="card mt-16" aria-labelledby="launch-heading">
          <div className="card-header">
            <h2 id="launch-heading">Launch a campaign</h2>
            <span className="muted small">
              Each person gets a link by mail (or in the outbox without SMTP).
            </span>
          </div>
          <LaunchCampaignForm
            templates={options.templates}
            vendors={options.vendors}
            defaultDueDate={options.defaultDueDate}
          />
        </section>
      )}
    </>
  );
}
