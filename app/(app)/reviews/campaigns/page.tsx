import Link from 'next/link';
import { CreateCampaignForm } from '@/components/access-reviews/create-campaign-form';
import { CampaignStatusBadge, ProgressBar } from '@/components/access-reviews/labels';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { formatDate } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { CAMPAIGN_RUNNERS } from '@/server/domain/tenancy/roles';
import { isoDay } from '@/server/domain/time';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Access-review campaigns' };

const daysFromToday = (days: number) => isoDay(new Date(Date.now() + days * 86_400_000));

export default async function CampaignsPage() {
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  const runs = can(role, CAMPAIGN_RUNNERS);
  // Every read starts at once.
  const scopeOptions = runs
    ? started(Promise.all([caller.systems.list(), caller.vendors.options()]))
    : null;
  const list = await guarded(() => caller.accessReviews.campaigns());
  if (!list.ok) return <Refusal message={list.message} />;
  const [systems, vendors] = scopeOptions ? await scopeOptions : [[], []];
  const due = daysFromToday(14);
  return (
    <>
      <PageHeader
        title="Access-review campaigns"
        description="Certify who holds access: each campaign snapshots the grants in its scope at launch, sends every item to the grantee's manager or the system owner, and closes when every item is decided."
        actions={
          <>
            <ExportLink list="review-campaigns" filters={{}} />
            <Link className="btn" href="/reviews">
              Reviewer inbox
            </Link>
          </>
        }
      />
      <section className="card">
        {list.data.length === 0 ? (
          <EmptyState title="No campaigns yet">
            {runs ? 'Create the first one below.' : 'Compliance has not run an access review yet.'}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="campaigns">
              <thead>
                <tr>
                  <th>Campaign</th>
                  <th>Status</th>
                  <th>Progress</th>
                  <th>Overdue</th>
                  <th>Due</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((c) => (
                  <tr key={c.id} data-testid="campaign-row">
                    <td>
                      <Link className="strong" href={`/reviews/campaigns/${c.id}`}>
                        {c.name}
                      </Link>
                      {c.unassigned > 0 && (
                        <div>
                          <span className="badge badge-danger">
                            {c.unassigned} need{c.unassigned === 1 ? 's' : ''} a reviewer
                          </span>
                        </div>
                      )}
                      {c.stillActive > 0 && (
                        <div>
                          <span className="badge badge-danger">
                            {c.stillActive} revocation{c.stillActive === 1 ? '' : 's'} still active
                          </span>
                        </div>
                      )}
                    </td>
                    <td>
                      <CampaignStatusBadge status={c.status} />
                      {c.completedAt && (
                        <div className="muted small">{formatDate(c.completedAt)}</div>
                      )}
                    </td>
                    <td className="min-w-160">
                      {c.status === 'draft' ? (
                        <span className="muted small">Not launched</span>
                      ) : (
                        <>
                          <ProgressBar percent={c.progress.percent} label={`${c.name} progress`} />
                          <div className="small" data-testid="campaign-progress">
                            {c.progress.decided} / {c.progress.total} decided
                          </div>
                        </>
                      )}
                    </td>
                    <td>
                      {c.progress.overdue > 0 ? (
                        <Link
                          href={`/reviews?status=overdue&campaignId=${c.id}`}
                          className="badge badge-danger"
                        >
                          {c.progress.overdue} overdue
                        </Link>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="small">{formatDate(c.dueDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {runs && (
        <section className="card">
          <div className="card-header">
            <h2>New campaign</h2>
          </div>
          <CreateCampaignForm
            systems={systems.map((s) => ({ id: s.id, name: s.name }))}
            vendors={vendors.map((v) => ({ id: v.id, name: v.name }))}
            defaultDueDate={due}
          />
        </section>
      )}
    </>
  );
}
