import Link from 'next/link';
import { z } from 'zod';
import { CloseCampaignButton } from '@/components/attestations/close-campaign-button';
import { CompletionBar } from '@/components/attestations/completion-bar';
import {
  REMINDER_LABELS,
  REQUEST_STATUS_BADGES,
  REQUEST_STATUS_LABELS,
} from '@/components/attestations/labels';
import { ResendButton } from '@/components/attestations/resend-button';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { Fact } from '@/components/ui/facts';
import { FilterActions } from '@/components/ui/filter-actions';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { firstParam as first, listHref } from '@/components/ui/search-params';
import { REQUEST_STATUSES, SKIP_REASON_LABELS } from '@/server/domain/attestations/campaign';
import { ATTESTATION_RUNNERS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Attestation campaign' };

const paramsSchema = z.object({
  status: z.enum([...REQUEST_STATUSES, 'all']).catch('all'),
  q: z.string().trim().max(200).optional().catch(undefined),
});

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { campaignId } = await params;
  const raw = await searchParams;
  const p = paramsSchema.parse({ status: first(raw.status) ?? 'all', q: first(raw.q) });
  if (!z.uuid().safeParse(campaignId).success)
    return <Refusal title="Campaign not found" message="That campaign does not exist." />;
  const caller = await serverCaller();
  const [role, campaign, requests] = await Promise.all([
    pageRole(),
    guarded(() => caller.attestations.campaign({ campaignId })),
    guarded(() => caller.attestations.requests({ campaignId, status: p.status, q: p.q })),
  ]);
  if (!campaign.ok)
    return (
      <Refusal
        title={campaign.code === 'NOT_FOUND' ? 'Campaign not found' : undefined}
        message={campaign.message}
      />
    );
  if (!requests.ok) return <Refusal message={requests.message} />;
  const c = campaign.data;
  const canRun = can(role, ATTESTATION_RUNNERS);
  const counts: Record<string, number> = {
    all: c.completion.total,
    pending: c.completion.pending,
    signed: c.completion.signed,
    declined: c.completion.declined,
    overdue: c.completion.overdue,
  };
  const href = (over: Partial<typeof p>) =>
    listHref(`/attestations/${c.id}`, p, over, { status: 'all' });

  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <>
            {c.template.title} (v{c.templateVersion}) · {c.audienceLabel} · due{' '}
            {formatDate(c.dueAt)}. <Link href="/attestations">All campaigns</Link>
          </>
        }
        actions={
          <>
            <CompletionBar c={c.completion} />
            <ExportLink
              list="attestation-requests"
              filters={{ campaignId: c.id, status: p.status, q: p.q }}
            />
            {c.status === 'closed' ? (
              <span className="badge">Closed</span>
            ) : (
              canRun && (
                <CloseCampaignButton
                  campaignId={c.id}
                  unanswered={c.completion.pending + c.completion.overdue}
                />
              )
            )}
          </>
        }
      />
      {first(raw.launched) && (
        <Alert tone="ok" role="status" className="mb-16">
          Launched: {c.completion.total} {c.completion.total === 1 ? 'person was' : 'people were'}{' '}
          sent a link.
        </Alert>
      )}
      {c.skipped.length > 0 && (
        <Alert tone="warn" testId="skipped" className="mb-16">
          Not asked at launch ({c.skipped.length}):{' '}
          {c.skipped.map((s) => `${s.fullName} ${SKIP_REASON_LABELS[s.reason]}`).join('; ')}.
        </Alert>
      )}
      <section className="card" aria-labelledby="requests-heading">
        <div className="card-header">
          <nav className="row" aria-label="Filter by status">
            {(['all', 'pending', 'signed', 'declined', 'overdue'] as const).map((s) => (
              <Link
                key={s}
                href={href({ status: s })}
                className={`btn btn-small${p.status === s ? ' btn-primary' : ''}`}
                aria-current={p.status === s ? 'page' : undefined}
              >
                {s === 'all' ? 'All' : REQUEST_STATUS_LABELS[s]} ({counts[s]})
              </Link>
            ))}
          </nav>
          <form className="row" action={`/attestations/${c.id}`} aria-label="Search requests">
            <input type="hidden" name="status" value={p.status} />
            <label className="visually-hidden" htmlFor="q">
              Name or email
            </label>
            <input id="q" name="q" defaultValue={p.q ?? ''} placeholder="Name or email" />
            <FilterActions clearHref={href({ q: undefined })} />
          </form>
        </div>
        {requests.data.length === 0 ? (
          <EmptyState title="No requests match">
            <Link href={href({ status: 'all', q: undefined })}>Show all requests</Link>.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="requests">
              <thead>
                <tr>
                  <th>Person</th>
                  <th>Status</th>
                  <th>Answered</th>
                  <th>Reminders</th>
                  <th>Signed document</th>
                  {canRun && <th aria-label="Actions" />}
                </tr>
              </thead>
              <tbody>
                {requests.data.map((r) => (
                  <tr key={r.id} data-testid={`request-${r.email}`}>
                    <td>
                      <Link href={`/people/${r.personId}`}>{r.fullName}</Link>
                      <div className="muted small">{r.email}</div>
                    </td>
                    <td>
                      <span className={`badge ${REQUEST_STATUS_BADGES[r.status]}`}>
                        {REQUEST_STATUS_LABELS[r.status]}
                      </span>
                      {r.disclosures > 0 && (
                        <div>
                          <Link
                            className="badge badge-danger"
                            href={`/signals?kind=attestation_disclosure`}
                          >
                            {r.disclosures} disclosure{r.disclosures === 1 ? '' : 's'}
                          </Link>
                        </div>
                      )}
                      {r.declineReason && <div className="small muted">“{r.declineReason}”</div>}
                    </td>
                    <td className="small">
                      {r.respondedAt ? formatDateTime(r.respondedAt) : '—'}
                      {r.typedSignature && <div className="muted">as “{r.typedSignature}”</div>}
                      {r.answers && (
                        <details data-testid="answers">
                          <summary>Answers</summary>
                          <dl className="facts">
                            {c.template.questions
                              .filter((q) => r.answers![q.id] !== undefined)
                              .map((q) => (
                                <Fact key={q.id} label={q.prompt}>
                                  {r.answers![q.id]}
                                </Fact>
                              ))}
                          </dl>
                        </details>
                      )}
                    </td>
                    <td className="small">
                      {r.remindersSent.length === 0
                        ? '—'
                        : r.remindersSent.map((k) => REMINDER_LABELS[k] ?? k).join(', ')}
                    </td>
                    <td className="small mono max-w-200 break-anywhere">
                      {r.signedSha256 ? (
                        <span title="SHA-256 of the canonical document shown and answered">
                          {r.signedSha256}
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    {canRun && (
                      <td>
                        {(r.status === 'pending' || r.status === 'overdue') &&
                          c.status === 'active' && (
                            <ResendButton requestId={r.id} name={r.fullName} />
                          )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card mt-16" aria-labelledby="snapshot-heading">
        <h2 id="snapshot-heading">What people sign</h2>
        <dl className="facts">
          <Fact label="Template">
            <Link href={`/attestations/templates/${c.templateId}`}>{c.template.title}</Link>, as it
            was at launch (version {c.templateVersion})
          </Fact>
          <Fact label="Questions">{c.template.questions.length}</Fact>
          <Fact label="Launched">{formatDateTime(c.launchedAt)}</Fact>
        </dl>
      </section>
    </>
  );
}
