import Link from 'next/link';
import { DecideForm } from '@/components/access/decide-form';
import { RevokeGrantForm, WithdrawRequestButton } from '@/components/access/end-grant-forms';
import {
  GateFindings,
  GrantStatusBadge,
  STEP_KIND_LABELS,
  StepStatusBadge,
} from '@/components/access/labels';
import { SensitivityBadge } from '@/components/systems/labels';
import { Fact } from '@/components/ui/facts';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Access request' };

export default async function AccessGrantPage({
  params,
}: {
  params: Promise<{ grantId: string }>;
}) {
  const { grantId } = await params;
  const caller = await serverCaller();
  const result = await guarded(() => caller.access.get({ grantId }));
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Request not found' : undefined}
        message={result.message}
      />
    );
  const g = result.data;
  const current = g.steps.find((s) => s.id === g.currentStepId);

  return (
    <>
      <PageHeader
        title={`${g.system.name} · ${g.privilege.name}`}
        description={
          <>
            For <Link href={`/people/${g.person.id}`}>{g.person.fullName}</Link>
            {g.vendor && (
              <>
                {' '}
                of <Link href={`/vendors/${g.vendor.id}`}>{g.vendor.name}</Link>
              </>
            )}
            . <Link href="/access">All access</Link>
          </>
        }
        actions={<GrantStatusBadge status={g.status} />}
      />

      <div className="grid cols-2">
        <section className="card" aria-labelledby="request-heading">
          <h2 className="mb-12" id="request-heading">
            {g.source === 'import' ? 'Imported grant' : 'Request'}
          </h2>
          <dl className="facts">
            <Fact label="System">
              <Link href={`/systems/${g.system.id}`}>{g.system.name}</Link>
            </Fact>
            <Fact label="Privilege">
              {g.privilege.name} <SensitivityBadge value={g.privilege.sensitivity} />
            </Fact>
            <Fact label="Justification">{g.justification}</Fact>
            <Fact label="Duration">
              {g.durationDays ? `${g.durationDays} days` : 'No end date'}
            </Fact>
            <Fact label={g.source === 'import' ? 'Imported by' : 'Requested by'}>
              {g.requesterEmail ?? 'the command line'} · {formatDateTime(g.requestedAt)}
            </Fact>
            {g.importedApprover && (
              <Fact label="Approved outside Vigil by">{g.importedApprover}</Fact>
            )}
            <Fact label="Starts">{formatDateTime(g.startsAt)}</Fact>
            <Fact label="Expires">{formatDateTime(g.expiresAt)}</Fact>
            {g.endedAt && (
              <Fact label="Ended">
                {formatDateTime(g.endedAt)}
                {g.endReason && <div className="small">{g.endReason}</div>}
              </Fact>
            )}
          </dl>
        </section>

        <section className="card" aria-labelledby="steps-heading">
          <h2 className="mb-12" id="steps-heading">
            Approval steps
          </h2>
          {g.steps.length === 0 ? (
            <p className="muted flush">Imported as existing access: no approval steps in Vigil.</p>
          ) : (
            <ol className="timeline" data-testid="approval-steps">
              {g.steps.map((s) => (
                <li key={s.id} data-testid={`step-${s.kind}`}>
                  <div className="row gap-6">
                    <strong>{STEP_KIND_LABELS[s.kind]}</strong>
                    <StepStatusBadge status={s.status} />
                    {s.id === g.currentStepId && <span className="badge badge-brand">current</span>}
                  </div>
                  <div className="small">
                    {s.status === 'approved' || s.status === 'denied'
                      ? `${s.deciderEmail ?? 'someone'} · ${formatDateTime(s.decidedAt)}`
                      : `Approver: ${s.approverLabel}`}
                  </div>
                  {s.note && <div className="muted small">{s.note}</div>}
                  {s.comment && <div className="small">“{s.comment}”</div>}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      {g.status === 'pending' && (
        <section className="card mt-16" aria-labelledby="decision-heading">
          <h2 className="mb-12" id="decision-heading">
            Decision
          </h2>
          <div className="stack">
            <GateFindings findings={g.gate} />
            {g.viewer.canDecide && current ? (
              <DecideForm grantId={g.id} stepLabel={STEP_KIND_LABELS[current.kind].toLowerCase()} />
            ) : (
              <p className="muted flush" data-testid="decide-refusal">
                {g.viewer.decideRefusal}
              </p>
            )}
            {g.viewer.canWithdraw && <WithdrawRequestButton grantId={g.id} />}
          </div>
        </section>
      )}

      {g.viewer.canRevoke && (
        <section className="card mt-16" aria-labelledby="revoke-heading">
          <h2 className="mb-12" id="revoke-heading">
            Revoke
          </h2>
          <RevokeGrantForm grantId={g.id} />
        </section>
      )}
    </>
  );
}
